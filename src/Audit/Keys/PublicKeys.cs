using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace SpbeConnector.Audit.Keys;

/// <summary>
/// Verification with a public key given as its DER SubjectPublicKeyInfo, as the offline verifier holds it: no private
/// key, no certificate store. Mirrors <see cref="SigningKey.SignDer"/>.
/// </summary>
public static class PublicKeys
{
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";

    public static bool VerifyDer(byte[] subjectPublicKeyInfo, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        try
        {
            var key = PublicKey.CreateFromSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            if (key.Oid.Value == EcPublicKeyOid)
            {
                using var ecdsa = key.GetECDsaPublicKey()!;
                var hash = ecdsa.KeySize == 384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
                return ecdsa.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
            }
            using var rsa = key.GetRSAPublicKey() ?? throw new CryptographicException("Neither an EC nor an RSA key.");
            return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Imports an ECDSA public key (for example to verify an RFC 9421 signature), or null for another kind of key.</summary>
    public static ECDsa? ImportEcdsa(byte[] subjectPublicKeyInfo)
    {
        var key = PublicKey.CreateFromSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return key.Oid.Value == EcPublicKeyOid ? key.GetECDsaPublicKey() : null;
    }

    /// <summary>RFC 7638 JWK thumbprint (SHA-256, base64url) of an EC or RSA public key.</summary>
    public static string Thumbprint(byte[] subjectPublicKeyInfo) =>
        Base64Url.EncodeToString(SHA256.HashData(CanonicalJwk(subjectPublicKeyInfo)));

    /// <summary>The 4-byte key hint that prefixes a signed-note signature (first bytes of SHA-256 of the SubjectPublicKeyInfo).</summary>
    public static byte[] NoteKeyHint(byte[] subjectPublicKeyInfo) => SHA256.HashData(subjectPublicKeyInfo)[..4];

    /// <summary>The public key as a JWK (RFC 7517) with only the members RFC 7638 requires, in its lexicographic order.</summary>
    public static byte[] CanonicalJwk(byte[] subjectPublicKeyInfo)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
            WriteJwk(json, subjectPublicKeyInfo, null);
        return buffer.ToArray();
    }

    /// <summary>Writes the key as a JWK object: the required members (crv, kty, x, y or e, kty, n), then <paramref name="extra"/> members.</summary>
    public static void WriteJwk(Utf8JsonWriter json, byte[] subjectPublicKeyInfo, Action<Utf8JsonWriter>? extra)
    {
        var key = PublicKey.CreateFromSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        json.WriteStartObject();
        if (key.Oid.Value == EcPublicKeyOid)
        {
            using var ecdsa = key.GetECDsaPublicKey()!;
            var p = ecdsa.ExportParameters(false);
            json.WriteString("crv", ecdsa.KeySize == 384 ? "P-384" : "P-256");
            json.WriteString("kty", "EC");
            json.WriteString("x", Base64Url.EncodeToString(p.Q.X!));
            json.WriteString("y", Base64Url.EncodeToString(p.Q.Y!));
        }
        else
        {
            using var rsa = key.GetRSAPublicKey() ?? throw new CryptographicException("Neither an EC nor an RSA key.");
            var p = rsa.ExportParameters(false);
            json.WriteString("e", Base64Url.EncodeToString(p.Exponent!));
            json.WriteString("kty", "RSA");
            json.WriteString("n", Base64Url.EncodeToString(p.Modulus!));
        }
        extra?.Invoke(json);
        json.WriteEndObject();
    }
}
