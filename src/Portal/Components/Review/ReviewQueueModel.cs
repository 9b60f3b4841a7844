using SpbeConnector.Portal.Approvals;

namespace SpbeConnector.Portal.Components.Review;

/// <summary>The requests waiting for a decision, and how many emergency acts wait for their review after the fact.</summary>
public sealed record ReviewQueueModel(IReadOnlyList<PendingRequestView> Requests, int ActsAwaitingReview, bool MayReviewActs);
