using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>Small checks every part of the catalog shares: blank input, merged problems, refusal when any.</summary>
internal static class CatalogChecks
{
    internal static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static void Merge(RegistryProblems errors, IEnumerable<RegistryProblem> more) => errors.Add(more);

    internal static void ThrowIfInvalid(RegistryProblems errors)
    {
        if (errors.Count > 0)
            throw new RegistryValidationException(errors);
    }
}
