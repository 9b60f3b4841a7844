namespace SpbeConnector.Gateway.AdminApi;

/// <summary>What one subscription has used of its plan now: each rule in its current window, and its requests in flight.</summary>
public sealed record PlanUsage(string ClientId, Guid ApiId, string Plan, long InFlight, int? MaxConcurrentRequests, IReadOnlyList<PlanRuleUsage> Limits);

/// <summary>One rule of a plan (or an operation limit) in its current window; <see cref="Limit"/> is a node's share while Redis is unreachable.</summary>
public sealed record PlanRuleUsage(string Name, long Limit, long Used, long Remaining, long ResetSeconds);
