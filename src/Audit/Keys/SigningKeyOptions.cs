namespace SpbeConnector.Audit.Keys;

/// <summary>
/// Where a signing key comes from. Empty: generated on first run under the data directory (ECDSA P-256 with a
/// self-signed certificate). Otherwise an externally issued certificate and its key, for example one from the national
/// CA (Pasal 59 ayat (11) huruf d): PEM certificate + PEM key (optionally encrypted with <see cref="Password"/>), or a
/// PKCS#12 file in <see cref="CertificatePath"/> with its password.
/// </summary>
public sealed class SigningKeyOptions
{
    public string? CertificatePath { get; set; }
    public string? KeyPath { get; set; }
    public string? Password { get; set; }

    public bool IsExternal => !string.IsNullOrWhiteSpace(CertificatePath);
}
