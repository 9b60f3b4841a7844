using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

public sealed record PlanResponse(
    Guid Id,
    string Name,
    string? Description,
    long? RequestsPerSecond,
    long? RequestsPerMinute,
    long? DailyQuota,
    long? MonthlyQuota,
    int? MaxConcurrentRequests,
    bool AdministratorOnly,
    DateTimeOffset UpdatedAt)
{
    public static PlanResponse From(Plan p) => new(
        p.Id, p.Name, p.Description, p.RequestsPerSecond, p.RequestsPerMinute, p.DailyQuota, p.MonthlyQuota, p.MaxConcurrentRequests,
        p.AdministratorOnly, p.UpdatedAt);
}
