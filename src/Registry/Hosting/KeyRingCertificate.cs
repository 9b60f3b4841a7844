using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SpbeConnector.Registry.Hosting;

/// <summary>Loads <c>Registry:KeyRingCertificatePath</c>, with messages that name the setting and the fix.</summary>
internal static class KeyRingCertificate
{
    public static X509Certificate2 Load(RegistryOptions settings)
    {
        var path = settings.KeyRingCertificatePath!;
        if (!File.Exists(path))
            throw new InvalidOperationException($"Registry:KeyRingCertificatePath '{path}' does not exist; point it at the key-ring certificate (the same on every node) or remove the setting.");
        X509Certificate2 certificate;
        try
        {
            certificate = path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase)
                ? X509CertificateLoader.LoadPkcs12FromFile(path, settings.KeyRingCertificatePassword)
                : X509Certificate2.CreateFromPemFile(path, settings.KeyRingCertificateKeyPath);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"Registry:KeyRingCertificatePath '{path}' could not be read with its key ({ex.Message}); give a PEM certificate with Registry:KeyRingCertificateKeyPath, or a PKCS#12 file with Registry:KeyRingCertificatePassword.", ex);
        }
        if (certificate.GetRSAPrivateKey() is null)
            throw new InvalidOperationException($"Registry:KeyRingCertificatePath '{path}' has no RSA private key; Data Protection encrypts its key ring with RSA (for example: openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj /CN=spbe-key-ring -keyout ring.key -out ring.crt).");
        return certificate;
    }
}
