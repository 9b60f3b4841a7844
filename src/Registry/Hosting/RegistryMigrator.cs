using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.Hosting;

public static class RegistryMigrator
{
    /// <summary>
    /// Brings the store's schema up to date with the migrations, keeping existing data, and switches SQLite to
    /// write-ahead logging so that readers never wait for a writer. On PostgreSQL (shared by many nodes) EF Core's
    /// migration lock lets nodes start together, and the first keys are created by one node only.
    /// </summary>
    public static async Task MigrateRegistryAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<RegistryDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsNpgsql())
            await services.InitializeSharedKeysAsync(db, ct);
    }
}
