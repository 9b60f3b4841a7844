namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// The gateway's own client credentials at an upstream's token endpoint, decrypted on demand (only when a token must
/// be obtained, not per request). Implemented by the registry; consumed by the data plane.
/// </summary>
public interface IUpstreamCredentialSource
{
    Task<UpstreamClientCredentials?> FindAsync(Guid apiId, CancellationToken cancellationToken);
}

/// <summary>Where and as whom the gateway obtains its token for an upstream.</summary>
public sealed record UpstreamClientCredentials(string TokenEndpoint, string ClientId, string ClientSecret, string? Scope);
