using SpbeConnector.Portal.Approvals;
using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.Components.Review;

/// <summary>
/// The requests waiting for a decision, how many emergency acts wait for their review after the fact, and the outcome of
/// the decision just taken (POST-redirect-GET).
/// </summary>
public sealed record ReviewQueueModel(IReadOnlyList<PendingRequestView> Requests, int ActsAwaitingReview, bool MayReviewActs, PortalNotice.Message? Notice = null);
