using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SpbeConnector.Audit.Keys;

/// <summary>
/// Loads a signing key: the configured external certificate and key, or the one generated on first run under the
/// data directory (ECDSA P-256, self-signed certificate for digital signature and non-repudiation, ten years).
/// </summary>
public static class SigningKeyLoader
{
    public static SigningKey Load(string purpose, SigningKeyOptions options, string directory, string passphrase, TimeProvider time, out bool generated)
    {
        generated = false;
        if (options.IsExternal)
            return new SigningKey(purpose, LoadExternal(purpose, options));

        var certificatePath = Path.Combine(directory, $"{purpose}-signing.crt");
        var keyPath = Path.Combine(directory, $"{purpose}-signing.key");
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            Generate(purpose, certificatePath, keyPath, passphrase, time);
            generated = true;
        }
        var keyPem = File.ReadAllText(keyPath);
        X509Certificate2 certificate;
        if (keyPem.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
        {
            if (string.IsNullOrEmpty(passphrase))
                throw new InvalidOperationException($"{keyPath} is encrypted; set Audit:KeyPassphrase (environment Audit__KeyPassphrase) to the passphrase it was written with.");
            try
            {
                certificate = X509Certificate2.CreateFromEncryptedPemFile(certificatePath, passphrase, keyPath);
            }
            catch (CryptographicException)
            {
                throw new InvalidOperationException($"{keyPath} cannot be decrypted with the configured Audit:KeyPassphrase; set the passphrase it was written with.");
            }
        }
        else
        {
            certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        return new SigningKey(purpose, certificate);
    }

    private static X509Certificate2 LoadExternal(string purpose, SigningKeyOptions options)
    {
        var path = options.CertificatePath!;
        if (!File.Exists(path))
            throw new InvalidOperationException($"The {purpose} signing certificate {path} does not exist; fix Audit's {purpose} CertificatePath.");
        try
        {
            if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
                return X509CertificateLoader.LoadPkcs12FromFile(path, options.Password, X509KeyStorageFlags.EphemeralKeySet);
            if (string.IsNullOrWhiteSpace(options.KeyPath))
                throw new InvalidOperationException($"The {purpose} signing certificate {path} is PEM; set its KeyPath too.");
            return string.IsNullOrEmpty(options.Password)
                ? X509Certificate2.CreateFromPemFile(path, options.KeyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, options.Password, options.KeyPath);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"The {purpose} signing certificate {path} or its key could not be loaded ({ex.Message}); check the files and the password.");
        }
    }

    private static void Generate(string purpose, string certificatePath, string keyPath, string passphrase, TimeProvider time)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=SPBE Connector {purpose} signing, O=SPBE Connector", ecdsa, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        var keyPem = string.IsNullOrEmpty(passphrase)
            ? ecdsa.ExportPkcs8PrivateKeyPem()
            : ecdsa.ExportEncryptedPkcs8PrivateKeyPem(passphrase, SecretFiles.PrivateKeyEncryption);
        SecretFiles.WriteOwnerOnly(keyPath, keyPem);
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
    }
}
