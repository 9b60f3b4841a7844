namespace SpbeConnector.Registry.Catalog;

/// <summary>The fields of a client application that may change after registration.</summary>
public sealed record ClientUpdate(string Name, string? Description, bool MayIntrospect = false, string? Jwks = null, IReadOnlyList<string>? Certificates = null,
    string? TlsClientAuthSubjectDn = null);
