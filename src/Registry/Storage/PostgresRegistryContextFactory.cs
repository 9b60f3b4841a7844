using Microsoft.EntityFrameworkCore;

namespace SpbeConnector.Registry.Storage;

/// <summary>
/// Hands the PostgreSQL context to everything that asks for the registry's context, so that the catalog, the sources
/// and the migrator work unchanged, and migrations are found by the context's own type.
/// </summary>
internal sealed class PostgresRegistryContextFactory(IDbContextFactory<PostgresRegistryDbContext> inner) : IDbContextFactory<RegistryDbContext>
{
    public RegistryDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<RegistryDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
