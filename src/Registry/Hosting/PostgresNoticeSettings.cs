namespace SpbeConnector.Registry.Hosting;

/// <summary>The connection string the change listener opens its own LISTEN connection with.</summary>
public sealed record PostgresNoticeSettings(string ConnectionString);
