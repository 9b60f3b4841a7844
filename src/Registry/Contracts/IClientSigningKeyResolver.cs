namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// Finds the public key a client application registered for signing its requests (RFC 9421), by key id. Implemented by
/// the client registry; until it holds keys, by configuration.
/// </summary>
public interface IClientSigningKeyResolver
{
    ValueTask<ClientSigningKey?> ResolveAsync(string keyId, CancellationToken cancellationToken);
}
