using SpbeConnector.Portal.Browsing;

namespace SpbeConnector.Portal.Components.Catalog;

/// <summary>What the catalog list shows: the search as asked, the choices of its filters, one page of results.</summary>
public sealed record CatalogListModel(CatalogSearch Search, IReadOnlyList<(string Value, string Label)> Opds, IReadOnlyList<string> Tags, CatalogPage Results);
