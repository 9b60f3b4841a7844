using Microsoft.EntityFrameworkCore;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.Tests.Storage;

/// <summary>
/// The registry's model has a migration set per engine (SQLite and PostgreSQL, because EF Core migrations are
/// specific to their provider). A model change that got a migration on one engine only would leave the other's
/// stores without its tables or columns; these fail until <c>scripts/add-migration.sh</c> has added both.
/// </summary>
public sealed class MigrationCompletenessTests
{
    [Fact]
    public void The_sqlite_migrations_cover_the_whole_model()
    {
        using var db = new RegistryDbContext(new DbContextOptionsBuilder<RegistryDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(),
            "the registry model has changes without a SQLite migration: run scripts/add-migration.sh <Name>");
    }

    [Fact]
    public void The_postgresql_migrations_cover_the_whole_model()
    {
        // No server is contacted: the model is compared with the migrations' snapshot only.
        using var db = new PostgresRegistryDbContext(new DbContextOptionsBuilder<PostgresRegistryDbContext>().UseNpgsql("Host=localhost;Database=unused").Options);
        Assert.False(db.Database.HasPendingModelChanges(),
            "the registry model has changes without a PostgreSQL migration: run scripts/add-migration.sh <Name> --postgres-only");
    }
}
