using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Browsing;

/// <summary>What a catalog visitor filters by: words in the name or description, the OPD, a tag, the classification.</summary>
public sealed record CatalogSearch(string? Text, string? OpdCode, string? Tag, InformationClassification? Classification);
