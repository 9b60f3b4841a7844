using System.ComponentModel.DataAnnotations;

namespace SpbeConnector.Registry.Hosting;

/// <summary>Settings of the registry (section <c>Registry</c>).</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>The connection string's name under <c>ConnectionStrings</c> for the PostgreSQL store.</summary>
    public const string ConnectionStringName = "Registry";

    /// <summary>SQLite under the data directory (default), or PostgreSQL for many gateway nodes.</summary>
    public RegistryStoreProvider Provider { get; set; } = RegistryStoreProvider.Sqlite;

    /// <summary>
    /// PostgreSQL only: an RSA certificate (PEM, with <see cref="KeyRingCertificateKeyPath"/>, or PKCS#12) on every node
    /// that encrypts the Data Protection key ring kept in the database, so that the database alone (or its backup)
    /// does not reveal the signing keys and upstream secrets it holds encrypted.
    /// </summary>
    public string? KeyRingCertificatePath { get; set; }

    /// <summary>The PEM private key of <see cref="KeyRingCertificatePath"/> (none for PKCS#12 or a PEM holding both).</summary>
    public string? KeyRingCertificateKeyPath { get; set; }

    /// <summary>The PKCS#12 password of <see cref="KeyRingCertificatePath"/>, if any.</summary>
    public string? KeyRingCertificatePassword { get; set; }

    /// <summary>How often to look for changes made by other processes sharing the store.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ChangePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
