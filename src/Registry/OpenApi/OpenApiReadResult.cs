namespace SpbeConnector.Registry.OpenApi;

/// <summary>
/// What reading an OpenAPI document gave: the document as JSON (YAML converted), its format and OpenAPI version,
/// or the problems that keep it from being accepted, each saying where and what.
/// </summary>
public sealed record OpenApiReadResult(string? Json, string Format, string OpenApiVersion, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0 && Json is not null;
}
