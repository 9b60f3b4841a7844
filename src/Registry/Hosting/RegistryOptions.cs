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

    /// <summary>How often to look for changes made by other processes sharing the store.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ChangePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
