using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using SpbeConnector.Registry.Hosting;

namespace SpbeConnector.Gateway.Tls;

/// <summary>Loads the configured server certificate, or the generated development one (Pasal 60 ayat (3) huruf i).</summary>
public static partial class ServerCertificateLoader
{
    public static X509Certificate2 Load(TlsOptions options, DataDirectory data, TimeProvider clock, ILogger logger)
    {
        if (!string.IsNullOrEmpty(options.CertificatePath))
        {
            if (!File.Exists(options.CertificatePath))
                throw new InvalidOperationException($"Tls:CertificatePath '{options.CertificatePath}' does not exist; point it at a PEM or PFX file, or remove it to use a generated development certificate.");
            X509Certificate2 configured;
            if (!string.IsNullOrEmpty(options.KeyPath))
            {
                using var pem = string.IsNullOrEmpty(options.Password)
                    ? X509Certificate2.CreateFromPemFile(options.CertificatePath, options.KeyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(options.CertificatePath, options.Password, options.KeyPath);
                configured = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }
            else
            {
                configured = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.Password);
            }
            if (!configured.HasPrivateKey)
                throw new InvalidOperationException($"The certificate in '{options.CertificatePath}' has no private key; set Tls:KeyPath to its PEM key, or use a PFX that contains the key.");
            LogConfigured(logger, configured.Subject, configured.NotAfter);
            return configured;
        }

        var (certificate, generated) = DevelopmentCertificate.LoadOrCreate(data.SubDirectory("tls"), clock);
        if (generated)
            LogGenerated(logger, data.File("tls", DevelopmentCertificate.CertificateFile));
        else
            LogDevelopment(logger, data.File("tls", DevelopmentCertificate.CertificateFile));
        return certificate;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS: using the configured certificate {Subject}, valid until {NotAfter:u}")]
    private static partial void LogConfigured(ILogger logger, string subject, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS: no certificate configured; generated a self-signed development certificate at {Path}. Configure Tls:CertificatePath for production.")]
    private static partial void LogGenerated(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS: no certificate configured; using the self-signed development certificate at {Path}. Configure Tls:CertificatePath for production.")]
    private static partial void LogDevelopment(ILogger logger, string path);
}
