using System.Collections.Frozen;

namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// Who may call what, at one access version of the registry: the client applications with their state and the APIs
/// they hold an approved subscription to, and the identifiers of revoked tokens not yet expired. Frozen collections:
/// read on every request, rebuilt only when access changes.
/// </summary>
public sealed record AccessSnapshot(long Version, FrozenDictionary<string, ClientAccess> Clients, FrozenSet<string> RevokedTokenIds)
{
    public static readonly AccessSnapshot Empty = new(-1, FrozenDictionary<string, ClientAccess>.Empty, FrozenSet<string>.Empty);

    /// <summary>Per-operation limits by API id (only APIs that have some).</summary>
    public FrozenDictionary<Guid, OperationLimit[]> OperationLimits { get; init; } = FrozenDictionary<Guid, OperationLimit[]>.Empty;
}

/// <summary>A client application as the data plane sees it (a management client of the platform has no OPD).</summary>
public sealed record ClientAccess(string ClientId, string? OpdCode, bool Enabled, FrozenSet<Guid> ApprovedApis)
{
    /// <summary>The plan of each approved subscription, by API id; plans are shared instances within one snapshot.</summary>
    public FrozenDictionary<Guid, PlanLimits> Plans { get; init; } = FrozenDictionary<Guid, PlanLimits>.Empty;
}
