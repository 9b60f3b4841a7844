namespace SpbeConnector.Registry.Catalog;

/// <summary>Small checks every part of the catalog shares: blank input, merged problems, refusal when any.</summary>
internal static class CatalogChecks
{
    internal static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static void Merge(Dictionary<string, string[]> errors, Dictionary<string, string[]> more)
    {
        foreach (var (field, problems) in more)
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, .. problems] : problems;
    }

    internal static void ThrowIfInvalid(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
            throw new RegistryValidationException(errors);
    }
}
