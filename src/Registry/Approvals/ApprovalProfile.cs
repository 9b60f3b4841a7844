using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Approvals;

/// <summary>
/// The form of the feasibility review one regulation prescribes: its stages in order, and who decides subscriptions to an
/// OPD's APIs (the OPD's publisher, or its data owner where the regulation names one). Chosen by <c>Portal:ApprovalProfile</c>.
/// </summary>
/// <param name="Basis">The articles the profile follows, for the portal and the compliance report.</param>
public sealed record ApprovalProfile(string Name, string Title, string Basis, IReadOnlyList<ApprovalStage> Stages, PortalRole SubscriptionDecider)
{
    public ApprovalStage? StageAt(int index) => index >= 0 && index < Stages.Count ? Stages[index] : null;
}
