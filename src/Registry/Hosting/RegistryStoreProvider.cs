namespace SpbeConnector.Registry.Hosting;

/// <summary>Which engine holds the registry (setting <c>Registry:Provider</c>).</summary>
public enum RegistryStoreProvider
{
    /// <summary>An embedded file under the data directory: one node, no set-up (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database named by <c>ConnectionStrings:Registry</c>, shared by any number of gateway nodes.</summary>
    PostgreSql,
}
