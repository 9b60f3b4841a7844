using Microsoft.EntityFrameworkCore;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Portal.Browsing;

/// <summary>The APIs the gateway routes (published or deprecated), with their catalog metadata, searchable (REG-01, REG-02).</summary>
public sealed class PublishedApiCatalog(IDbContextFactory<RegistryDbContext> contexts, ApiCatalog catalog)
{
    /// <summary>The most a catalog page lists: a province has thousands of APIs (issue 19 item 10).</summary>
    public const int PageSize = 20;

    /// <summary>
    /// One page of the routed APIs that match, ordered by OPD, path and version. Filtering, counting and paging happen
    /// in the database, and only the columns the list shows are read (never the OpenAPI documents), so a page costs
    /// the same with 5,000 APIs as with 50.
    /// </summary>
    public async Task<CatalogPage> SearchAsync(CatalogSearch search, int pageNumber, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Apis.AsNoTracking().Where(a => a.Status == ApiStatus.Published || a.Status == ApiStatus.Deprecated);
        if (!string.IsNullOrWhiteSpace(search.OpdCode))
            query = query.Where(a => a.Opd!.Code == search.OpdCode);
        if (search.Classification is { } classification)
            query = query.Where(a => a.Classification == classification);
        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            var text = search.Text.Trim().ToLowerInvariant();
            query = query.Where(a => a.Name.ToLower().Contains(text) || (a.Description ?? "").ToLower().Contains(text) || a.Slug.ToLower().Contains(text));
        }
        if (!string.IsNullOrWhiteSpace(search.Tag))
        {
            // Tags are a small list per API: matched here without regard to case, as typed by the publisher.
            var tagged = (await db.ApiProfiles.AsNoTracking().Select(p => new { p.ApiId, p.Tags }).ToListAsync(ct))
                .Where(p => p.Tags.Contains(search.Tag, StringComparer.OrdinalIgnoreCase)).Select(p => p.ApiId).ToList();
            query = query.Where(a => tagged.Contains(a.Id));
        }
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        pageNumber = Math.Clamp(pageNumber, 1, pages);
        var rows = await query.OrderBy(a => a.Opd!.Code).ThenBy(a => a.Slug).ThenBy(a => a.Version)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new { a.Id, a.Name, a.Description, OpdCode = a.Opd!.Code, a.Version, a.Classification })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var tags = await db.ApiProfiles.AsNoTracking().Where(p => ids.Contains(p.ApiId)).ToDictionaryAsync(p => p.ApiId, p => p.Tags, ct);
        var items = rows.Select(r => new CatalogListItem(r.Id, r.Name, r.Description, r.OpdCode, r.Version, r.Classification,
            tags.GetValueOrDefault(r.Id) ?? [])).ToList();
        return new CatalogPage(items, total, pageNumber, PageSize);
    }

    /// <summary>
    /// Every routed API with its catalog profile if it has one, for the subscription request form of an application
    /// (unpaged: the form offers them all; subscribing from an API's own page is the scalable way). An API published
    /// through the admin API alone (the demo API) is in the catalog and so is offered too, with the default plan.
    /// </summary>
    public async Task<IReadOnlyList<CatalogEntry>> AllRoutedAsync(CancellationToken ct)
    {
        var apis = (await catalog.ListApisAsync(null, null, ct)).Where(a => ApiLifecycle.IsRouted(a.Status)).ToList();
        var ids = apis.Select(a => a.Id).ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var profiles = await db.ApiProfiles.AsNoTracking().Where(p => ids.Contains(p.ApiId)).ToDictionaryAsync(p => p.ApiId, ct);
        return apis.Select(a => new CatalogEntry(a, profiles.GetValueOrDefault(a.Id))).ToList();
    }

    public async Task<CatalogEntry?> FindAsync(Guid id, CancellationToken ct)
    {
        var api = await catalog.FindApiAsync(id, ct);
        if (api is null || !ApiLifecycle.IsRouted(api.Status))
            return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return new CatalogEntry(api, await db.ApiProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.ApiId == id, ct));
    }

    /// <summary>Every tag of a routed API, for the filter (the profiles' tag lists only).</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var lists = await db.ApiProfiles.AsNoTracking()
            .Where(p => db.Apis.Any(a => a.Id == p.ApiId && (a.Status == ApiStatus.Published || a.Status == ApiStatus.Deprecated)))
            .Select(p => p.Tags).ToListAsync(ct);
        return lists.SelectMany(l => l).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
