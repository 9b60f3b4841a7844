using SpbeConnector.Registry.Contracts.Compliance;
using System.Security.Cryptography.X509Certificates;
using SpbeConnector.Gateway.Tls;
using SpbeConnector.Registry.Compliance;

namespace SpbeConnector.Gateway.Compliance;

/// <summary>
/// Electronic certificates issued by a certification provider (Pasal 59 ayat (11) huruf d; Pasal 60 ayat (3) huruf i):
/// the configured server certificate, its issuer and validity; the generated development certificate is not one.
/// </summary>
public sealed class ServerCertificateCheck(IConfiguration configuration, TimeProvider time) : IComplianceCheck
{
    public string Name => "server-certificate";

    public Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken)
    {
        var tls = configuration.GetSection(TlsOptions.Section).Get<TlsOptions>() ?? new TlsOptions();
        if (string.IsNullOrWhiteSpace(tls.CertificatePath))
            return Task.FromResult(ComplianceFinding.Partial(
                "Tls:CertificatePath is empty: a self-signed development certificate is served, which no certification provider issued.",
                "Tls:CertificatePath kosong: yang dipakai adalah sertifikat pengembangan swatanda tangan, bukan terbitan penyelenggara sertifikasi."));
        X509Certificate2 certificate;
        try
        {
            certificate = Path.GetExtension(tls.CertificatePath).ToLowerInvariant() is ".pfx" or ".p12"
                ? X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath, tls.Password)
                : X509Certificate2.CreateFromPem(File.ReadAllText(tls.CertificatePath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            return Task.FromResult(ComplianceFinding.NotMet($"The certificate at Tls:CertificatePath cannot be read ({ex.GetType().Name}).",
                $"Sertifikat di Tls:CertificatePath tidak dapat dibaca ({ex.GetType().Name})."));
        }
        using (certificate)
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (certificate.NotAfter.ToUniversalTime() < now || certificate.NotBefore.ToUniversalTime() > now)
                return Task.FromResult(ComplianceFinding.NotMet($"The server certificate is not valid now (valid {certificate.NotBefore:yyyy-MM-dd} to {certificate.NotAfter:yyyy-MM-dd}).",
                    $"Sertifikat server tidak berlaku saat ini (berlaku {certificate.NotBefore:yyyy-MM-dd} sampai {certificate.NotAfter:yyyy-MM-dd})."));
            if (certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
                return Task.FromResult(ComplianceFinding.Partial("The configured server certificate is self-signed, not issued by a certification provider.",
                    "Sertifikat server yang dikonfigurasi swatanda tangan, bukan terbitan penyelenggara sertifikasi."));
            return Task.FromResult(ComplianceFinding.Met($"The server certificate is issued by {certificate.Issuer}, valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}.",
                $"Sertifikat server diterbitkan oleh {certificate.Issuer}, berlaku sampai {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}."));
        }
    }
}
