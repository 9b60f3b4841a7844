using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// The RFC 8705 <c>x5t#S256</c> of a certificate: base64url of the SHA-256 of its DER encoding. Computed once per
/// certificate object, that is once per TLS connection, so the hot path hashes nothing.
/// </summary>
public static class CertificateThumbprint
{
    private static readonly ConditionalWeakTable<X509Certificate2, string> Known = new();

    public static string Of(X509Certificate2 certificate) =>
        Known.GetValue(certificate, static c => Base64UrlEncoder.Encode(c.GetCertHash(HashAlgorithmName.SHA256)));
}
