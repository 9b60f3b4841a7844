namespace SpbeConnector.Gateway.Tls;

/// <summary>
/// The gateway's server certificate (section <c>Tls</c>). A PEM pair (<see cref="CertificatePath"/> +
/// <see cref="KeyPath"/>) or a PFX (<see cref="CertificatePath"/> + optional <see cref="Password"/>) is used as is.
/// With neither, a self-signed development certificate is generated in the data directory.
/// </summary>
public sealed class TlsOptions
{
    public const string Section = "Tls";

    public string? CertificatePath { get; set; }
    public string? KeyPath { get; set; }
    public string? Password { get; set; }

    /// <summary>Sends <c>Strict-Transport-Security</c> with this max-age (Pasal 59 ayat (4) huruf g).</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}
