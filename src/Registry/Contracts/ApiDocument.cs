namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// One revision of an API's OpenAPI document as the data plane reads it: normalised to JSON (YAML converted),
/// with the SHA-256 of the text as registered, so that what was enforced can be named in logs and audits.
/// </summary>
public sealed record ApiDocument(Guid ApiId, int Revision, string Json, string Sha256);
