using System.Security.Cryptography.X509Certificates;

namespace SpbeConnector.Registry.Hosting;

/// <summary>A PEM file of CA certificates named by a setting, read with a message that names the setting and the fix.</summary>
public static class CertificateBundle
{
    public static X509Certificate2Collection Load(string path, string setting)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException($"{setting} '{path}' does not exist; point it at a PEM file of CA certificates, or remove the setting.");
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(path);
        if (certificates.Count == 0)
            throw new InvalidOperationException($"{setting} '{path}' holds no PEM certificate.");
        return certificates;
    }
}
