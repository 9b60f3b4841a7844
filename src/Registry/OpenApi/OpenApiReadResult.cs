using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.OpenApi;

/// <summary>
/// What reading an OpenAPI document gave: the document as JSON (YAML converted), its format and OpenAPI version,
/// or the problems that keep it from being accepted, each saying where and what (<see cref="Findings"/>, with message
/// ids for the portal; <see cref="Problems"/> in English).
/// </summary>
public sealed record OpenApiReadResult(string? Json, string Format, string OpenApiVersion, IReadOnlyList<RegistryProblem> Findings)
{
    public bool IsValid => Findings.Count == 0 && Json is not null;

    public IReadOnlyList<string> Problems => Findings.Select(f => f.English).ToList();
}
