using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SpbeConnector.Registry.Storage;

/// <summary>
/// Lets <c>dotnet ef migrations add --context PostgresRegistryDbContext</c> build the PostgreSQL context without a
/// server (adding a migration never connects). Used by scripts/add-migration.sh.
/// </summary>
internal sealed class DesignTimePostgresRegistryDbContextFactory : IDesignTimeDbContextFactory<PostgresRegistryDbContext>
{
    public PostgresRegistryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresRegistryDbContext>().UseNpgsql("Host=design-time;Database=spbe").Options);
}
