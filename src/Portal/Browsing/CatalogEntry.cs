using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Browsing;

/// <summary>A routed API as the catalog shows it; <see cref="Profile"/> is null for an API published through the admin API alone.</summary>
public sealed record CatalogEntry(Api Api, ApiProfile? Profile)
{
    public IReadOnlyList<string> Tags => Profile?.Tags ?? [];
    public IReadOnlyList<string> Plans => Profile?.Plans ?? [];

    /// <summary>
    /// The plans a developer may ask for: the publisher's list, or the registry's default plan for an API published
    /// through the admin API without a catalog profile (the demo API), so that every API in the catalog can be subscribed.
    /// </summary>
    public IReadOnlyList<string> OfferedPlans => Plans.Count > 0 ? Plans : [Plan.DefaultName];
}
