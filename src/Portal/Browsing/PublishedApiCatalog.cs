using Microsoft.EntityFrameworkCore;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Portal.Browsing;

/// <summary>The APIs the gateway routes (published or deprecated), with their catalog metadata, searchable (REG-01, REG-02).</summary>
public sealed class PublishedApiCatalog(IDbContextFactory<RegistryDbContext> contexts, RegistryCatalog catalog)
{
    public async Task<IReadOnlyList<CatalogEntry>> SearchAsync(CatalogSearch search, CancellationToken ct)
    {
        var apis = (await catalog.ListApisAsync(search.OpdCode, null, ct)).Where(a => ApiLifecycle.IsRouted(a.Status)).ToList();
        var ids = apis.Select(a => a.Id).ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var profiles = await db.ApiProfiles.AsNoTracking().Where(p => ids.Contains(p.ApiId)).ToDictionaryAsync(p => p.ApiId, ct);
        var entries = apis.Select(a => new CatalogEntry(a, profiles.GetValueOrDefault(a.Id)));
        if (!string.IsNullOrWhiteSpace(search.Text))
            entries = entries.Where(e => e.Api.Name.Contains(search.Text, StringComparison.OrdinalIgnoreCase)
                || (e.Api.Description ?? "").Contains(search.Text, StringComparison.OrdinalIgnoreCase)
                || e.Api.Slug.Contains(search.Text, StringComparison.OrdinalIgnoreCase));
        if (!string.IsNullOrWhiteSpace(search.Tag))
            entries = entries.Where(e => e.Tags.Contains(search.Tag, StringComparer.OrdinalIgnoreCase));
        if (search.Classification is { } classification)
            entries = entries.Where(e => e.Api.Classification == classification);
        return entries.ToList();
    }

    public async Task<CatalogEntry?> FindAsync(Guid id, CancellationToken ct)
    {
        var api = await catalog.FindApiAsync(id, ct);
        if (api is null || !ApiLifecycle.IsRouted(api.Status))
            return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return new CatalogEntry(api, await db.ApiProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.ApiId == id, ct));
    }

    /// <summary>Every tag in use, for the filter.</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(CancellationToken ct)
    {
        var all = await SearchAsync(new CatalogSearch(null, null, null, null), ct);
        return all.SelectMany(e => e.Tags).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
