using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.RequestSignatures;

/// <summary>Resolves client signing keys from <c>RequestSignatures:Keys</c> (PEM public keys), until the client registry holds them.</summary>
public sealed class ConfiguredClientSigningKeyResolver : IClientSigningKeyResolver
{
    private readonly Dictionary<string, ClientSigningKey> _keys = new(StringComparer.Ordinal);

    public ConfiguredClientSigningKeyResolver(IOptions<RequestSignatureOptions> options)
    {
        foreach (var (keyId, key) in options.Value.Keys)
        {
            byte[] spki;
            try
            {
                using var ecdsa = ECDsa.Create();
                ecdsa.ImportFromPem(key.PublicKey);
                spki = ecdsa.ExportSubjectPublicKeyInfo();
            }
            catch (Exception ex) when (ex is ArgumentException or CryptographicException)
            {
                using var rsa = RSA.Create();
                try
                {
                    rsa.ImportFromPem(key.PublicKey);
                }
                catch (Exception inner) when (inner is ArgumentException or CryptographicException)
                {
                    throw new InvalidOperationException($"RequestSignatures:Keys:{keyId}:PublicKey is not a PEM EC or RSA public key.");
                }
                spki = rsa.ExportSubjectPublicKeyInfo();
            }
            _keys[keyId] = new ClientSigningKey(keyId, key.ClientId, spki);
        }
    }

    public ValueTask<ClientSigningKey?> ResolveAsync(string keyId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_keys.GetValueOrDefault(keyId));
}
