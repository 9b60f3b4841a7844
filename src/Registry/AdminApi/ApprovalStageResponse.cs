using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>One stage: decided by a local role, or by an external authority whose letter a local role records.</summary>
public sealed record ApprovalStageResponse(string Key, string Name, ApprovalStageKind Kind, IReadOnlyList<PortalRole> DecidedBy, string? ExternalAuthority);
