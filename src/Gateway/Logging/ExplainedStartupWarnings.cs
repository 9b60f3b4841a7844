using Serilog.Events;
using SpbeConnector.Registry.Hosting;

namespace SpbeConnector.Gateway.Logging;

/// <summary>
/// Two framework warnings that every first run printed and that asked nothing of the operator; each is left out only
/// where the condition it warns about cannot hold in this gateway, and stays everywhere else.
/// </summary>
public static class ExplainedStartupWarnings
{
    private const string NonTransactionalMigration = "Microsoft.EntityFrameworkCore.Migrations.NonTransactionalMigrationOperationWarning";
    private const string UnencryptedKeyRing = "NoXMLEncryptorConfiguredKeyMayBePersistedToStorageInUnencryptedForm";

    /// <summary>True for an event that is left out of the log (reasons on each rule).</summary>
    public static bool IsExplained(LogEvent logEvent, bool keyRingInDataDirectory)
    {
        if (!logEvent.Properties.TryGetValue("EventId", out var eventId) || eventId is not StructureValue id)
            return false;
        var name = id.Properties.FirstOrDefault(p => p.Name == "Name")?.Value is ScalarValue { Value: string n } ? n : null;
        // EF Core's SQLite provider rebuilds a table to alter it and turns foreign keys off around the rebuild with
        // "PRAGMA foreign_keys", which SQLite ignores inside a transaction. The pragma is a setting of the connection,
        // not of the database: a migration stopped there leaves nothing half-applied (the rebuild itself runs in a
        // transaction). Any other non-transactional operation (for example an index built concurrently on
        // PostgreSQL) is still reported.
        if (name == NonTransactionalMigration)
            return logEvent.Properties.TryGetValue("operation", out var operation)
                && operation is ScalarValue { Value: string sql }
                && sql.TrimStart().StartsWith("PRAGMA foreign_keys", StringComparison.OrdinalIgnoreCase);
        // Data Protection's key ring in the data directory is not encrypted: a key encrypting it would have to live
        // in the same directory, which protects nothing. The directory is the owner's only (0700, set at start), like
        // the store whose secrets the ring decrypts; back it up and guard it with the store (docs/operations.md).
        // A key ring in PostgreSQL is shared through the database: there the warning stands, and
        // Registry:KeyRingCertificatePath encrypts it.
        return keyRingInDataDirectory && name == UnencryptedKeyRing;
    }

    /// <summary>Whether this configuration keeps the Data Protection key ring under the data directory (SQLite store).</summary>
    public static bool KeyRingInDataDirectory(IConfiguration configuration) =>
        (configuration.GetSection(RegistryOptions.Section).Get<RegistryOptions>() ?? new RegistryOptions()).Provider != RegistryStoreProvider.PostgreSql;
}
