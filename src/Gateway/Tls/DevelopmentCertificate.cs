using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SpbeConnector.Gateway.Tls;

/// <summary>
/// A self-signed certificate for a gateway started with no certificate configured: valid for localhost,
/// 127.0.0.1 and ::1, kept in the data directory so that clients can trust it once (<c>curl --cacert</c>).
/// </summary>
public static class DevelopmentCertificate
{
    public const string CertificateFile = "gateway-dev.crt";
    public const string KeyFile = "gateway-dev.key";

    /// <summary>Loads the certificate from <paramref name="directory"/>, generating it first if absent or expiring.</summary>
    public static (X509Certificate2 Certificate, bool Generated) LoadOrCreate(string directory, TimeProvider clock)
    {
        var certPath = Path.Combine(directory, CertificateFile);
        var keyPath = Path.Combine(directory, KeyFile);
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            var existing = Load(certPath, keyPath);
            if (existing.NotAfter.ToUniversalTime() > clock.GetUtcNow().UtcDateTime.AddDays(30))
                return (existing, false);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=SPBE Connector development gateway", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = clock.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));

        File.WriteAllText(certPath, created.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (Load(certPath, keyPath), true);
    }

    private static X509Certificate2 Load(string certPath, string keyPath)
    {
        // Round-trip through PKCS#12 so that the private key is usable by SslStream on every platform.
        using var pem = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
