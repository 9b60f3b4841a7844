using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// What the data plane needs to know about one routed API: a read-only view, detached from storage.
/// <see cref="UpstreamOAuthVersion"/> is set when the upstream is OAuth-protected, and changes whenever the gateway's
/// credentials there change (a fingerprint, never the secret), so that a token obtained with old credentials is dropped.
/// </summary>
public sealed record PublishedApi(
    Guid Id,
    string OpdCode,
    string? TenantDomain,
    string Name,
    string Slug,
    string Version,
    IReadOnlyList<string> UpstreamUrls,
    bool AllowInsecureUpstream,
    InformationClassification Classification,
    ApiStatus Status,
    bool IsPublic = false,
    bool ForwardAccessToken = false,
    IReadOnlyList<string>? RequiredScopes = null,
    string? UpstreamOAuthVersion = null)
{
    /// <summary>The revision of the API's OpenAPI document in force (read it through <see cref="IApiDocumentSource"/>); 0 when it has none.</summary>
    public int DocumentRevision { get; init; }

    /// <summary>How the gateway checks this API's input, cookies and files.</summary>
    public ApiValidationSettings Validation { get; init; } = ApiValidationSettings.Default;

    /// <summary>Which browser origins may call the API across origins; none by default.</summary>
    public ApiCorsSettings Cors { get; init; } = ApiCorsSettings.Default;

    /// <summary>How long to wait for the upstream's next byte; null for the gateway's default.</summary>
    public TimeSpan? UpstreamTimeout { get; init; }

    /// <summary>The path probed on each upstream instance by active health checks; null when the API has none.</summary>
    public string? HealthCheckPath { get; init; }

    /// <summary>How often each instance is probed.</summary>
    public TimeSpan? HealthCheckInterval { get; init; }

    /// <summary>The public path prefix of the API: <c>/{opd}/{api}/{version}</c>.</summary>
    public string PathPrefix => $"/{OpdCode}/{Slug}/{Version}";
}
