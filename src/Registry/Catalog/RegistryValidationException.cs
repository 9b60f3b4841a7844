namespace SpbeConnector.Registry.Catalog;

/// <summary>Input that breaks a registry rule; each entry names the field and what is wrong with it.</summary>
public sealed class RegistryValidationException(IDictionary<string, string[]> errors)
    : Exception("The request breaks registry rules: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}
