using Microsoft.IdentityModel.Tokens;

namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// The gateway's own authorization server as the data plane sees it: its issuer identifier and the public keys of
/// its JWKS, read in-process (no HTTP round trip), with a version that changes whenever the key set does.
/// </summary>
public interface ILocalIssuer
{
    /// <summary>The issuer identifier (RFC 8414), known once the gateway listens.</summary>
    string Issuer { get; }

    /// <summary>The keys currently published in the JWKS, and the version of that set.</summary>
    PublishedKeySet PublishedKeys { get; }

    /// <summary>
    /// Reloads the keys from the store, for a token signed with a key not yet seen (another node may have rotated);
    /// at most once per second whatever the number of callers, so unknown key ids cannot flood the store.
    /// </summary>
    ValueTask RefreshKeysAsync(CancellationToken cancellationToken);
}

/// <summary>The public keys of the local issuer at one version.</summary>
public sealed record PublishedKeySet(long Version, IReadOnlyList<SecurityKey> Keys);
