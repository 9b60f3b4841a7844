using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// One signing key in memory: the private key for signing (handed to OpenIddict as signing credentials, which also
/// publish its public part in the JWKS, RFC 7517) and the public key for validation. Generated with the platform's CSPRNG (Pasal 59 ayat (8) huruf d); the private key leaves
/// memory only encrypted by Data Protection.
/// </summary>
public sealed class SigningKeyMaterial
{
    private const string ProtectorPurpose = "SpbeConnector.OAuth.SigningKeys.v1";

    private SigningKeyMaterial(SigningKey row, SecurityKey privateKey, SecurityKey publicKey)
    {
        Row = row;
        PrivateKey = privateKey;
        PublicKey = publicKey;
    }

    public SigningKey Row { get; }
    public SecurityKey PrivateKey { get; }
    public SecurityKey PublicKey { get; }

    public string KeyId => Row.KeyId;

    public SigningCredentials Credentials => new(PrivateKey, Row.Algorithm);

    /// <summary>The same key with its schedule as stored now (its activation, retirement and expiry may change).</summary>
    public SigningKeyMaterial WithSchedule(SigningKey row) => new(row, PrivateKey, PublicKey);

    /// <summary>Generates a key for <paramref name="algorithm"/> (ES256: P-256; RS256/PS256: RSA 3072).</summary>
    public static SigningKeyMaterial Generate(string algorithm, IDataProtectionProvider protection, DateTimeOffset now, DateTimeOffset activatesAt)
    {
        byte[] pkcs8;
        if (algorithm == SecurityAlgorithms.EcdsaSha256)
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            pkcs8 = ec.ExportPkcs8PrivateKey();
        }
        else if (algorithm is SecurityAlgorithms.RsaSha256 or SecurityAlgorithms.RsaSsaPssSha256)
        {
            using var rsa = RSA.Create(3072);
            pkcs8 = rsa.ExportPkcs8PrivateKey();
        }
        else
        {
            throw new InvalidOperationException($"Signing algorithm {algorithm} is not offered; use ES256, RS256 or PS256.");
        }
        try
        {
            var row = new SigningKey
            {
                Algorithm = algorithm,
                ProtectedPrivateKey = Convert.ToBase64String(protection.CreateProtector(ProtectorPurpose).Protect(pkcs8)),
                CreatedAt = now,
                ActivatesAt = activatesAt,
            };
            return Load(row, pkcs8, assignKeyId: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8); // Pasal 59 ayat (10) huruf g: clear what is no longer needed
        }
    }

    public static SigningKeyMaterial Unprotect(SigningKey row, IDataProtectionProvider protection)
    {
        var pkcs8 = protection.CreateProtector(ProtectorPurpose).Unprotect(Convert.FromBase64String(row.ProtectedPrivateKey));
        try
        {
            return Load(row, pkcs8, assignKeyId: false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private static SigningKeyMaterial Load(SigningKey row, byte[] pkcs8, bool assignKeyId)
    {
        Dictionary<string, string> jwk;
        SecurityKey privateKey, publicKey;
        if (row.Algorithm == SecurityAlgorithms.EcdsaSha256)
        {
            var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(pkcs8, out _);
            var p = ec.ExportParameters(false);
            jwk = new() { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y) };
            privateKey = new ECDsaSecurityKey(ec);
            publicKey = new ECDsaSecurityKey(ECDsa.Create(p));
        }
        else
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            var p = rsa.ExportParameters(false);
            jwk = new() { ["kty"] = "RSA", ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent) };
            privateKey = new RsaSecurityKey(rsa);
            var pub = RSA.Create();
            pub.ImportParameters(p);
            publicKey = new RsaSecurityKey(pub);
        }
        if (assignKeyId)
            row.KeyId = Thumbprint(jwk); // RFC 7638: the key id is the JWK thumbprint
        privateKey.KeyId = publicKey.KeyId = row.KeyId;
        return new SigningKeyMaterial(row, privateKey, publicKey);
    }

    /// <summary>RFC 7638: SHA-256 over the required members in lexicographic order, base64url.</summary>
    private static string Thumbprint(Dictionary<string, string> jwk)
    {
        var canonical = jwk["kty"] == "EC"
            ? $$"""{"crv":"{{jwk["crv"]}}","kty":"EC","x":"{{jwk["x"]}}","y":"{{jwk["y"]}}"}"""
            : $$"""{"e":"{{jwk["e"]}}","kty":"RSA","n":"{{jwk["n"]}}"}""";
        return Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));
    }
}
