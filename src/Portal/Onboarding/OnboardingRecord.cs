using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Onboarding;

/// <summary>
/// An API with its onboarding profile, its conformance findings, every decision taken on it (oldest first), and the
/// approval request waiting on it (a publication or a change request) with the stage it waits in and its profile.
/// </summary>
public sealed record OnboardingRecord(Api Api, ApiProfile Profile, IReadOnlyList<ConformanceFinding> Findings, IReadOnlyList<OnboardingDecision> Decisions,
    ApprovalRequest? Pending = null, ApprovalProfile? PendingProfile = null)
{
    /// <summary>The stage the pending request waits in, or null.</summary>
    public ApprovalStage? WaitingStage => Pending is null ? null : PendingProfile?.StageAt(Pending.StageIndex);

    /// <summary>Whether the API was registered through the portal (an onboarding profile is stored), not only through the admin API.</summary>
    public bool HasOnboardingProfile => Profile.CreatedAt != default;
}
