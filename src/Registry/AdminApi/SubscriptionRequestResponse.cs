using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>
/// What the approval workflow recorded around a subscription (REG-11; Batu Bara Pasal 14 ayat (11), Bogor Pasal 16
/// ayat (2)): the purpose and the scopes asked for, the plan, who asked, who decides under the approval profile in force
/// (the OPD's publisher or data owner), who decided (their name, and their actor id on decisions recorded since it was
/// kept), when and why.
/// </summary>
public sealed record SubscriptionRequestResponse(
    Guid SubscriptionId,
    SubscriptionStatus Status,
    string Purpose,
    IReadOnlyList<string> Scopes,
    string Plan,
    string RequestedBy,
    string? RequestedById,
    DateTimeOffset RequestedAt,
    PortalRole Decider,
    string? DecidedBy,
    string? DecidedById,
    string? DecisionNotes,
    DateTimeOffset? DecidedAt)
{
    public static SubscriptionRequestResponse From(SubscriptionRequest request, Subscription subscription, PortalRole decider) => new(
        request.SubscriptionId, subscription.Status, request.Purpose, subscription.Scopes, request.Plan, request.RequestedBy, request.RequestedById,
        request.RequestedAt, decider, request.DecidedBy, request.DecidedById, request.DecisionNotes, request.DecidedAt);
}
