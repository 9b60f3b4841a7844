using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>The approval profile in force: its stages in order with who decides each, and who decides subscriptions.</summary>
public sealed record ApprovalProfileResponse(string Name, string Title, string Basis, IReadOnlyList<ApprovalStageResponse> Stages, PortalRole SubscriptionDecider)
{
    public static ApprovalProfileResponse From(ApprovalProfile p) =>
        new(p.Name, p.Title, p.Basis, p.Stages.Select(s => new ApprovalStageResponse(s.Key, s.Name, s.Kind, s.DecidedBy, s.ExternalAuthority)).ToList(), p.SubscriptionDecider);
}
