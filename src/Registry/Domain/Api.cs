namespace SpbeConnector.Registry.Domain;

/// <summary>An API published by an OPD through the gateway, with its contract and upstream.</summary>
public sealed class Api
{
    public Guid Id { get; set; }
    public Guid OpdId { get; set; }
    public Opd? Opd { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Lowercase path segment naming the API, for example <c>kependudukan</c>.</summary>
    public string Slug { get; set; } = "";

    /// <summary>Version segment of the public path, for example <c>v1</c>.</summary>
    public string Version { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Base URLs of the upstream instances; requests are balanced across them.</summary>
    public List<string> UpstreamUrls { get; set; } = new();

    /// <summary>
    /// Plain-HTTP upstreams are refused unless this is set for the API (Pasal 59 ayat (11) huruf a: encrypted
    /// communication on every hop). Meant for a loopback or same-host upstream only.
    /// </summary>
    public bool AllowInsecureUpstream { get; set; }

    /// <summary>The API's current OpenAPI document as registered (JSON or YAML text), or null.</summary>
    public string? OpenApiDocument { get; set; }

    /// <summary>The revision of <see cref="OpenApiDocument"/> (see <see cref="ApiDocumentRevision"/>); 0 when the API has none.</summary>
    public int DocumentRevision { get; set; }

    /// <summary>How the gateway checks this API's input, cookies and files.</summary>
    public ApiValidationSettings Validation { get; set; } = new();

    /// <summary>Which browser origins may call this API across origins; none by default.</summary>
    public ApiCorsSettings Cors { get; set; } = new();

    public InformationClassification Classification { get; set; } = InformationClassification.Restricted;

    /// <summary>
    /// A public API is called without an access token. Off by default: every API requires a valid token unless
    /// marked public (Pasal 60 ayat (3) huruf d).
    /// </summary>
    public bool IsPublic { get; set; }

    /// <summary>
    /// Passes the caller's access token on to the upstream. Off by default: the upstream receives the gateway's
    /// trusted headers naming the caller instead, so a token cannot be replayed by the upstream elsewhere.
    /// </summary>
    public bool ForwardAccessToken { get; set; }

    /// <summary>The OAuth 2.0 scopes this API defines, which subscriptions grant to clients.</summary>
    public List<string> Scopes { get; set; } = new();

    /// <summary>The scopes every call to this API must carry (a subset of <see cref="Scopes"/>).</summary>
    public List<string> RequiredScopes { get; set; } = new();

    /// <summary>
    /// When the upstream is itself protected by OAuth 2.0 (for example an API of the national SPLP): its token
    /// endpoint, where the gateway obtains its own token with client credentials and sends it upstream.
    /// </summary>
    public string? UpstreamTokenEndpoint { get; set; }

    /// <summary>The gateway's client id at <see cref="UpstreamTokenEndpoint"/>.</summary>
    public string? UpstreamClientId { get; set; }

    /// <summary>The gateway's client secret there, encrypted with Data Protection (never stored in plain text).</summary>
    public string? UpstreamProtectedClientSecret { get; set; }

    /// <summary>The scope to ask the upstream's token endpoint for, if any.</summary>
    public string? UpstreamScope { get; set; }

    /// <summary>
    /// How long the gateway waits for this API's upstream (its next byte) before answering 504; null for the gateway's
    /// default (<c>Upstreams:RequestTimeout</c>). A slow upstream then costs its own callers a bounded wait, not the
    /// gateway's connections (Pasal 60 ayat (3) huruf m: the service level of the other APIs).
    /// </summary>
    public TimeSpan? UpstreamTimeout { get; set; }

    /// <summary>The path the gateway probes on each upstream instance (active health check); null: no probing.</summary>
    public string? HealthCheckPath { get; set; }

    /// <summary>How often each instance is probed at <see cref="HealthCheckPath"/>.</summary>
    public TimeSpan? HealthCheckInterval { get; set; }

    /// <summary>
    /// Why this API of Restricted information or above may go without an OpenAPI document (and so without request
    /// validation) for a while, as a security reviewer recorded it; null when no waiver is recorded. See
    /// <see cref="Catalog.RegistryRules.CheckStanding"/>.
    /// </summary>
    public string? ValidationWaiverReason { get; set; }

    /// <summary>When the waiver ends: from then on a new change or publication of the API is refused again.</summary>
    public DateTimeOffset? ValidationWaiverExpiresAt { get; set; }

    /// <summary>When the waiver was recorded.</summary>
    public DateTimeOffset? ValidationWaiverRecordedAt { get; set; }

    /// <summary>Who recorded the waiver (the security reviewer's name); null on waivers recorded before it was kept.</summary>
    public string? ValidationWaiverRecordedBy { get; set; }

    /// <summary>The Level Risiko SPBE of the application behind the API (Pasal 41-42); null until a reviewer records it.</summary>
    public SpbeRiskLevel? RiskLevel { get; set; }

    /// <summary>Aplikasi Umum or Aplikasi Khusus (Pasal 1 angka 20-21); null until recorded.</summary>
    public ApplicationKind? ApplicationKind { get; set; }

    /// <summary>When <see cref="RiskLevel"/> and <see cref="ApplicationKind"/> were last recorded.</summary>
    public DateTimeOffset? RiskAssessedAt { get; set; }

    public ApiStatus Status { get; set; } = ApiStatus.Draft;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
