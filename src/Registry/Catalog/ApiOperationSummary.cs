namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// One operation of an API's OpenAPI document as the dossier shows it: method, path, the scope alternatives its
/// security requirements ask for (each inner list needed together), and whether its request is described by a schema
/// (a body schema or a schema on each parameter), which is what the gateway validates against.
/// </summary>
public sealed record ApiOperationSummary(string Method, string Path, IReadOnlyList<IReadOnlyList<string>> Scopes, bool HasRequestSchema);
