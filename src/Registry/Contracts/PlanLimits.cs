namespace SpbeConnector.Registry.Contracts;

/// <summary>The limits of a plan as the data plane enforces them; null is no limit of that kind.</summary>
public sealed record PlanLimits(
    Guid PlanId,
    string Name,
    long? RequestsPerSecond,
    long? RequestsPerMinute,
    long? DailyQuota,
    long? MonthlyQuota,
    int? MaxConcurrentRequests);
