using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Registry.Contracts.Compliance;

/// <summary>Small helpers for the one-sentence reasons of the checks.</summary>
public static class ComplianceText
{
    /// <summary>At most <paramref name="max"/> names, then how many more: a reason stays one readable sentence.</summary>
    public static string List(IReadOnlyList<string> names, int max = 5) =>
        names.Count <= max ? string.Join(", ", names) : $"{string.Join(", ", names.Take(max))} and {names.Count - max} more";

    /// <summary>The same list for a reason in Bahasa Indonesia.</summary>
    public static string ListId(IReadOnlyList<string> names, int max = 5) =>
        names.Count <= max ? string.Join(", ", names) : $"{string.Join(", ", names.Take(max))} dan {names.Count - max} lainnya";

    /// <summary>The APIs as reviewers know them (<c>opd/api/version</c>), in a stable order.</summary>
    public static IReadOnlyList<string> Names(IEnumerable<PublishedApi> apis) =>
        apis.Select(a => a.PathPrefix.TrimStart('/')).Order(StringComparer.Ordinal).ToList();
}
