using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>The rules of a client's public keys (private_key_jwt) and certificates (mutual TLS).</summary>
public static partial class RegistryRules
{
    /// <summary>
    /// A JWK Set of public RSA or EC signing keys only: a private parameter means the private key has left the client,
    /// and a symmetric key would turn the assertion into a shared secret.
    /// </summary>
    public static RegistryMessage? JwksProblem(string? jwks)
    {
        if (string.IsNullOrWhiteSpace(jwks))
            return null;
        if (jwks.Length > 65_536)
            return RegistryMessages.JwksTooLarge;
        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(jwks);
        }
        catch (Exception ex) when (ex is ArgumentException or System.Text.Json.JsonException)
        {
            return RegistryMessages.JwksFormat;
        }
        if (set.Keys.Count == 0)
            return RegistryMessages.JwksEmpty;
        foreach (var key in set.Keys)
        {
            if (key.Kty is not (JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve))
                return RegistryMessages.JwksKeyType;
            if (key.HasPrivateKey || !string.IsNullOrEmpty(key.D))
                return RegistryMessages.JwksPrivateKey;
        }
        return null;
    }

    /// <summary>A distinguished name in one canonical form (RFC 4514 order, as .NET renders it), or null when unreadable.</summary>
    public static string? NormalizeDistinguishedName(string distinguishedName)
    {
        try
        {
            return new X500DistinguishedName(distinguishedName).Name is { Length: > 0 } name ? name : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Reads PEM certificates and gives their RFC 8705 SHA-256 thumbprints, or the problem with them.</summary>
    public static (List<string> Thumbprints, RegistryProblem? Problem) CertificateThumbprints(IReadOnlyList<string>? certificates)
    {
        var thumbprints = new List<string>();
        foreach (var pem in certificates ?? [])
        {
            try
            {
                using var certificate = X509Certificate2.CreateFromPem(pem);
                thumbprints.Add(Base64UrlEncoder.Encode(certificate.GetCertHash(HashAlgorithmName.SHA256)));
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                return ([], RegistryProblem.Of("certificates", RegistryMessages.CertificatesFormat));
            }
        }
        return (thumbprints.Distinct(StringComparer.Ordinal).ToList(), thumbprints.Count > 16 ? RegistryProblem.Of("certificates", RegistryMessages.CertificatesTooMany, ("max", 16)) : null);
    }
}
