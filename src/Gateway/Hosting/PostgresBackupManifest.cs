namespace SpbeConnector.Gateway.Hosting;

/// <summary>What a PostgreSQL backup holds: the dump's file name, its SHA-256 and size, the database, and when.</summary>
public sealed record PostgresBackupManifest(string File, string Sha256, long Length, string Database, DateTimeOffset CreatedAt);
