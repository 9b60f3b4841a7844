namespace SpbeConnector.TestSupport;

/// <summary>One request as a stub upstream received it.</summary>
public sealed record ReceivedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body);
