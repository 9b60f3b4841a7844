namespace SpbeConnector.Registry.Domain;

/// <summary>
/// An application of an OPD that calls APIs through the gateway with OAuth 2.0 client credentials (Pasal 60 ayat (3)
/// huruf d: every connected SPBE service authenticates). It holds credentials and subscriptions to APIs.
/// </summary>
public sealed class ClientApplication
{
    public Guid Id { get; set; }

    /// <summary>The OAuth 2.0 client identifier (RFC 6749 section 2.2), unique and never reused.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The OPD the application belongs to; none for a management client of the platform itself.</summary>
    public Guid? OpdId { get; set; }
    public Opd? Opd { get; set; }

    public string Name { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>A disabled client gets no token, and its tokens already issued are refused at the gateway.</summary>
    public ClientStatus Status { get; set; } = ClientStatus.Enabled;

    /// <summary>
    /// A resource server may call the introspection endpoint (RFC 7662 section 2.1: only authorized callers learn
    /// whether a token is active).
    /// </summary>
    public bool MayIntrospect { get; set; }

    /// <summary>
    /// An automation of the platform's own operators (deployment scripts), marked so by an administrator: only such a
    /// client may obtain the management scopes (<see cref="ManagementScopes"/>) and call the admin or audit API
    /// (Pasal 59 ayat (6) huruf c: the administrator-side interface is controlled; ayat (9): logs say who).
    /// </summary>
    public bool IsManagementClient { get; set; }

    /// <summary>The management scopes (<c>spbe.admin</c>, <c>spbe.audit</c>) this management client may obtain.</summary>
    public List<string> ManagementScopes { get; set; } = new();

    public List<ClientSecret> Secrets { get; set; } = new();

    /// <summary>
    /// The client's public keys as a JWK Set (RFC 7517), for <c>private_key_jwt</c> authentication (RFC 7523): the
    /// client signs an assertion with its private key, which never leaves it. Null when not registered.
    /// </summary>
    public string? Jwks { get; set; }

    /// <summary>
    /// SHA-256 thumbprints (base64url, RFC 8705 <c>x5t#S256</c> form) of the client's registered certificates, for
    /// <c>self_signed_tls_client_auth</c> (RFC 8705 section 2.2; Pasal 60 ayat (3) huruf i: certificates in authentication).
    /// </summary>
    public List<string> CertificateThumbprints { get; set; } = new();

    /// <summary>
    /// For <c>tls_client_auth</c> (RFC 8705 section 2.1): the subject distinguished name of the client's certificate,
    /// issued by a certification authority the gateway trusts (<see cref="OAuth.OAuthServerOptions.ClientCertificateCaBundlePath"/>),
    /// for example a certificate of an Indonesian electronic-certification provider (Pasal 59 ayat (11) huruf d).
    /// </summary>
    public string? TlsClientAuthSubjectDn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
