namespace SpbeConnector.Portal.Browsing;

/// <summary>One page of a catalog search: its items, how many match in all, and where it is.</summary>
public sealed record CatalogPage(IReadOnlyList<CatalogListItem> Items, int Total, int PageNumber, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
