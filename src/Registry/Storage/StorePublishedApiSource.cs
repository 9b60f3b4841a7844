using Microsoft.EntityFrameworkCore;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Registry.Storage;

/// <summary>
/// Reads the routed APIs from the store, detached, with the routing columns only (<see cref="RoutedApiView.Query"/>).
/// The version is read first and without a write-locking transaction: should a change land between the two reads, the
/// snapshot is newer than its version says, and the change's own signal causes another reload, so routes never stay
/// behind.
/// </summary>
internal sealed class StorePublishedApiSource(IDbContextFactory<RegistryDbContext> contexts) : IPublishedApiSource
{
    public async Task<PublishedApiSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.State.AsNoTracking().Select(s => s.ConfigVersion).SingleAsync(cancellationToken);
        var rows = await RoutedApiView.Query(db).ToListAsync(cancellationToken);
        var apis = rows
            .Select(r => RoutedApiView.Of(r.Api, r.OpdCode, r.TenantDomain)!)
            .OrderBy(a => a.PathPrefix, StringComparer.Ordinal)
            .ToArray();
        return new PublishedApiSnapshot(version, apis);
    }

    public async Task<long> GetConfigVersionAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.State.AsNoTracking().Select(s => s.ConfigVersion).SingleAsync(cancellationToken);
    }
}
