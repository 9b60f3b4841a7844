using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SpbeConnector.TestSupport;

/// <summary>Self-signed client certificates for mutual-TLS tests.</summary>
public static class TestCertificates
{
    public static X509Certificate2 CreateClientCertificate(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O=Pemerintah Kota Bekasi", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // clientAuth
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so that the private key is usable by the TLS stack.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem();
}
