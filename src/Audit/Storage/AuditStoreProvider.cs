namespace SpbeConnector.Audit.Storage;

/// <summary>Which engine keeps this node's audit log (setting <c>Audit:Store</c>).</summary>
public enum AuditStoreProvider
{
    /// <summary><c>audit.db</c> under the audit directory (the default).</summary>
    Sqlite,

    /// <summary>A schema of this node's own in the PostgreSQL database named by <c>ConnectionStrings:Audit</c> (or <c>ConnectionStrings:Registry</c>).</summary>
    PostgreSql,
}
