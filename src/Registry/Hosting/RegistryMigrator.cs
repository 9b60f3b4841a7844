using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.Hosting;

public static class RegistryMigrator
{
    // The advisory lock of the registry's migration on PostgreSQL: any fixed key the nodes share (this one spells
    // "SPBEREG" in ASCII).
    private const string LockMigration = "SELECT pg_advisory_lock(23450668628067655)";
    private const string UnlockMigration = "SELECT pg_advisory_unlock(23450668628067655)";

    /// <summary>
    /// Brings the store's schema up to date with the migrations, keeping existing data, and switches SQLite to
    /// write-ahead logging so that readers never wait for a writer. On PostgreSQL (shared by many nodes) the whole
    /// migration runs under a session-level advisory lock, so nodes started together migrate one after the other: with
    /// EF Core's own migration lock alone, two nodes starting on an empty database were seen applying the same migration
    /// twice ("column ... already exists", ClusterNodesTests). The first keys are created by one
    /// node only.
    /// </summary>
    public static async Task MigrateRegistryAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<RegistryDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        if (!db.Database.IsNpgsql())
        {
            await db.Database.MigrateAsync(ct);
            return;
        }
        // A connection opened here stays open across EF Core's commands, so the session-level lock lasts the whole migration.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync(LockMigration, ct);
            try
            {
                await db.Database.MigrateAsync(ct);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync(UnlockMigration, CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        await services.InitializeSharedKeysAsync(db, ct);
    }
}
