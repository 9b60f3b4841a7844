using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Approvals;

/// <summary>A stage of a <see cref="CustomApprovalProfile"/>; see <see cref="ApprovalStage"/>.</summary>
public sealed class CustomApprovalStage
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public ApprovalStageKind Kind { get; set; }
    public List<PortalRole> DecidedBy { get; set; } = [];
    public string? ExternalAuthority { get; set; }
}
