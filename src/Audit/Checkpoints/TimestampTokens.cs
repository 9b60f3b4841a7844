using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace SpbeConnector.Audit.Checkpoints;

/// <summary>
/// Verification of an RFC 3161 time-stamp token over some data: the token's signature, that its message imprint is the
/// data's hash, and that the signing certificate chains to a trusted root (the given PEM bundle, or the system's).
/// </summary>
public static class TimestampTokens
{
    /// <summary>Checks only the token's own signature and that it stamps this data (no trust in who signed it).</summary>
    public static bool VerifyImprintAndSignature(byte[] encodedToken, byte[] data) =>
        Rfc3161TimestampToken.TryDecode(encodedToken, out var token, out _) && token.VerifySignatureForData(data, out _);

    public static bool Verify(byte[] encodedToken, byte[] data, string? trustedCertificatesPath, out string? problem)
    {
        if (!Rfc3161TimestampToken.TryDecode(encodedToken, out var token, out _))
        {
            problem = "it is not an RFC 3161 time-stamp token";
            return false;
        }
        var extra = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(trustedCertificatesPath))
            extra.ImportFromPemFile(trustedCertificatesPath);
        if (!token.VerifySignatureForData(data, out var signer, extra))
        {
            problem = "its signature or message imprint does not match the checkpoint";
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = token.TokenInfo.Timestamp.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.8")); // id-kp-timeStamping
        if (extra.Count > 0)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(extra);
        }
        if (!chain.Build(signer!))
        {
            problem = "the authority's certificate is not trusted (" +
                      string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim())) + ")";
            return false;
        }
        problem = null;
        return true;
    }
}
