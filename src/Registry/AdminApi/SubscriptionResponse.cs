using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

public sealed record SubscriptionResponse(
    Guid Id,
    string ClientId,
    Guid ApiId,
    string ApiPath,
    IReadOnlyList<string> Scopes,
    SubscriptionStatus Status,
    string Plan,
    IReadOnlyList<SubscriptionStatus> NextStatuses,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static SubscriptionResponse From(Subscription s) => new(
        s.Id, s.Client?.ClientId ?? "", s.ApiId, s.Api is { } a ? $"/{a.Opd?.Code}/{a.Slug}/{a.Version}/" : "", s.Scopes, s.Status, s.Plan?.Name ?? "",
        SubscriptionLifecycle.NextFrom(s.Status), s.CreatedAt, s.UpdatedAt);
}

/// <summary>The body of a subscription decision: Approved, Rejected or Revoked.</summary>
/// <summary>
/// A subscription's new status: Approved or Rejected is the decider's decision (a rejection gives <paramref name="Reason"/>),
/// Revoked an emergency act with its <paramref name="Reason"/>.
/// </summary>
public sealed record SubscriptionStatusChange(SubscriptionStatus Status, string? Reason = null);
