namespace SpbeConnector.Registry.Catalog;

/// <summary>A plan as an administrator defines it; a null limit is no limit of that kind.</summary>
public sealed record PlanInput(
    string Name,
    string? Description = null,
    long? RequestsPerSecond = null,
    long? RequestsPerMinute = null,
    long? DailyQuota = null,
    long? MonthlyQuota = null,
    int? MaxConcurrentRequests = null,
    bool AdministratorOnly = false);
