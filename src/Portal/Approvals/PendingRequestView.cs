using SpbeConnector.Portal.Onboarding;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Approvals;

/// <summary>
/// A request waiting for a decision as the review pages show it: the API, the profile and the stage it waits in, what
/// it changes (the value in force beside the one proposed, and the document's operations added, removed or changed),
/// and whether the reader holds the stage's role.
/// </summary>
public sealed record PendingRequestView(
    ApprovalRequest Request,
    Api Api,
    ApprovalProfile Profile,
    ApprovalStage? Stage,
    IReadOnlyList<ChangeLine> Changes,
    DocumentOperationDiff? DocumentDiff,
    bool MayDecide);
