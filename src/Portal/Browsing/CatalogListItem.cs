using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Browsing;

/// <summary>One line of the catalog list: what a developer reads to choose (no document, no upstreams).</summary>
public sealed record CatalogListItem(Guid Id, string Name, string? Description, string OpdCode, string Version, InformationClassification Classification, IReadOnlyList<string> Tags);
