using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>
/// Paging of the admin API's lists (a province has thousands of APIs: the whole list was 3.2 MB). The body stays the
/// JSON array it always was, so existing clients keep working; <c>offset</c> and <c>limit</c> (default
/// <see cref="DefaultLimit"/>, at most <see cref="MaxLimit"/>) choose the page; <c>X-Total-Count</c> says how many
/// match, and a <c>Link</c> header (RFC 8288) gives the <c>next</c> and <c>prev</c> pages with the same filters.
/// </summary>
public static class AdminPaging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public const string Description =
        "Paged: `offset` (from 0) and `limit` (1-500, default 100) choose the page; the X-Total-Count header gives how many match and the Link header (RFC 8288) the next and prev pages.";

    /// <summary>The page asked for, or the problem with it (a limit over the maximum is refused, not silently cut).</summary>
    public static bool TryRead(int? offset, int? limit, out (int Offset, int Limit) page, out ValidationProblem? problem)
    {
        var errors = new Dictionary<string, string[]>();
        if (offset is < 0)
            errors["offset"] = ["offset must be 0 or more."];
        if (limit is < 1 or > MaxLimit)
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        page = (offset ?? 0, limit ?? DefaultLimit);
        problem = errors.Count == 0 ? null : TypedResults.ValidationProblem(errors, title: "The page asked for cannot be served.");
        return problem is null;
    }

    /// <summary>One page of an already loaded list, its headers set.</summary>
    public static List<T> Page<T>(HttpContext http, IReadOnlyCollection<T> all, (int Offset, int Limit) page)
    {
        Describe(http, all.Count, page);
        return all.Skip(page.Offset).Take(page.Limit).ToList();
    }

    /// <summary>X-Total-Count and the Link header of a page out of <paramref name="total"/>.</summary>
    public static void Describe(HttpContext http, int total, (int Offset, int Limit) page)
    {
        var headers = http.Response.Headers;
        headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        var links = new List<string>();
        if (page.Offset + page.Limit < total)
            links.Add($"<{Href(http, page.Offset + page.Limit, page.Limit)}>; rel=\"next\"");
        if (page.Offset > 0)
            links.Add($"<{Href(http, Math.Max(0, page.Offset - page.Limit), page.Limit)}>; rel=\"prev\"");
        if (links.Count > 0)
            headers["Link"] = string.Join(", ", links);
    }

    private static string Href(HttpContext http, int offset, int limit)
    {
        var kept = http.Request.Query.Where(q => q.Key is not ("offset" or "limit"))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
        return $"{http.Request.PathBase}{http.Request.Path}?{string.Join("&", kept.Append($"offset={offset}").Append($"limit={limit}"))}";
    }
}
