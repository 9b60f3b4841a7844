namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// The fields of a client application set at registration. The client id is generated unless given; the OPD and the
/// client id never change.
/// </summary>
/// <param name="Jwks">The client's public keys (a JWK Set as JSON) for private_key_jwt; none: secret only.</param>
/// <param name="Certificates">The client's certificates (PEM) for self_signed_tls_client_auth and certificate-bound tokens.</param>
/// <param name="TlsClientAuthSubjectDn">The subject DN of the client's CA-issued certificate, for tls_client_auth.</param>
public sealed record ClientInput(string OpdCode, string Name, string? Description, string? ClientId = null, bool MayIntrospect = false,
    string? Jwks = null, IReadOnlyList<string>? Certificates = null, string? TlsClientAuthSubjectDn = null);
