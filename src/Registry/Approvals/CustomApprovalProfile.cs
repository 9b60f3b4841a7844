using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Approvals;

/// <summary>A profile defined in settings (<c>Portal:CustomApprovalProfiles:{name}</c>).</summary>
public sealed class CustomApprovalProfile
{
    public string Title { get; set; } = "";
    public string Basis { get; set; } = "";
    public List<CustomApprovalStage> Stages { get; set; } = [];
    public PortalRole SubscriptionDecider { get; set; } = PortalRole.ApiPublisher;
}
