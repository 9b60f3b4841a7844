using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Approvals;

/// <summary>
/// One stage of an approval profile: its key, its name in Bahasa Indonesia, what it considers and who acts on it. A local
/// stage is decided by a person holding one of <see cref="DecidedBy"/>; an external stage (<see cref="ExternalAuthority"/>
/// set) is decided by that authority, and a person holding one of <see cref="DecidedBy"/> records its decision with the
/// letter (number, date, issuer, the signed document and its SHA-256).
/// </summary>
public sealed record ApprovalStage(string Key, string Name, ApprovalStageKind Kind, IReadOnlyList<PortalRole> DecidedBy, string? ExternalAuthority = null)
{
    public bool IsExternal => ExternalAuthority is not null;

    /// <summary>Who is expected to act, as the portal and the problems name it.</summary>
    public string ExpectedActor => IsExternal
        ? $"{ExternalAuthority} (recorded by {string.Join(" or ", DecidedBy)})"
        : string.Join(" or ", DecidedBy);
}
