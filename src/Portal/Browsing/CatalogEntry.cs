using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Browsing;

/// <summary>A routed API as the catalog shows it; <see cref="Profile"/> is null for an API published through the admin API alone.</summary>
public sealed record CatalogEntry(Api Api, ApiProfile? Profile)
{
    public IReadOnlyList<string> Tags => Profile?.Tags ?? [];
    public IReadOnlyList<string> Plans => Profile?.Plans ?? [];
}
