using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Catalog;

/// <summary>The fields of an API set at registration. The OPD, slug and version form its public path and never change.</summary>
public sealed record ApiInput(
    string OpdCode,
    string Name,
    string Slug,
    string Version,
    string? Description,
    IReadOnlyList<string> UpstreamUrls,
    bool AllowInsecureUpstream,
    string? OpenApiDocument,
    InformationClassification Classification,
    bool IsPublic = false,
    bool ForwardAccessToken = false,
    IReadOnlyList<string>? Scopes = null,
    IReadOnlyList<string>? RequiredScopes = null,
    UpstreamOAuthInput? UpstreamOAuth = null,
    TimeSpan? UpstreamTimeout = null,
    UpstreamHealthCheckInput? HealthCheck = null);
