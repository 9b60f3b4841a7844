namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// A per-operation limit of an API as the data plane enforces it: <paramref name="Method"/> (or <c>*</c>) and a
/// path template relative to the API's base path, with <c>{name}</c> for one segment.
/// </summary>
public sealed record OperationLimit(string Method, string PathTemplate, long RequestsPerMinute);
