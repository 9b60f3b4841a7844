using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Catalog;

/// <summary>The fields of a registered API that may change after registration.</summary>
public sealed record ApiUpdate(
    string Name,
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
