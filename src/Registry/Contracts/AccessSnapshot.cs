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
}

/// <summary>A client application as the data plane sees it.</summary>
public sealed record ClientAccess(string ClientId, string OpdCode, bool Enabled, FrozenSet<Guid> ApprovedApis);
