using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>
/// An approval request as the admin API shows it: what it asks, where it stands, which stage waits and who is expected to
/// act next, what a change request proposes, and every decision with its actor (and an external decision's letter).
/// </summary>
public sealed record ApprovalRequestResponse(
    Guid Id,
    Guid ApiId,
    ApprovalRequestKind Kind,
    ApprovalRequestStatus Status,
    string Profile,
    string? StageKey,
    string? StageName,
    string? ExpectedActor,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? ClosedAt,
    ProposedChange? ProposedChange,
    IReadOnlyList<ApprovalDecisionResponse> Decisions)
{
    public static ApprovalRequestResponse From(ApprovalRequest request, ApprovalProfile profile, IReadOnlyList<OnboardingDecision> decisions)
    {
        var stage = request.Status == ApprovalRequestStatus.Pending ? profile.StageAt(request.StageIndex) : null;
        return new ApprovalRequestResponse(request.Id, request.ApiId, request.Kind, request.Status, request.Profile, stage?.Key, stage?.Name,
            stage?.ExpectedActor, request.SubmittedByName, request.SubmittedAt, request.ClosedAt, ApprovalWorkflow.ReadChange(request),
            decisions.Select(ApprovalDecisionResponse.From).ToList());
    }
}
