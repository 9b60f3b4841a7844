using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

public sealed record ApiResponse(
    Guid Id,
    string OpdCode,
    string Name,
    string Slug,
    string Version,
    string? Description,
    IReadOnlyList<string> UpstreamUrls,
    bool AllowInsecureUpstream,
    bool HasOpenApiDocument,
    int DocumentRevision,
    InformationClassification Classification,
    bool IsPublic,
    bool ForwardAccessToken,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> RequiredScopes,
    UpstreamOAuthResponse? UpstreamOAuth,
    TimeSpan? UpstreamTimeout,
    UpstreamHealthCheckResponse? HealthCheck,
    ValidationWaiverResponse? ValidationWaiver,
    SpbeRiskLevel? RiskLevel,
    ApplicationKind? ApplicationKind,
    ApiStatus Status,
    string PublicPath,
    IReadOnlyList<ApiStatus> NextStatuses,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The API's record; <paramref name="now"/> (the product's clock) says whether its waiver is still in force.</summary>
    public static ApiResponse From(Api a, DateTimeOffset now) => new(
        a.Id, a.Opd?.Code ?? "", a.Name, a.Slug, a.Version, a.Description, a.UpstreamUrls, a.AllowInsecureUpstream,
        a.OpenApiDocument is not null, a.DocumentRevision, a.Classification, a.IsPublic, a.ForwardAccessToken, a.Scopes, a.RequiredScopes,
        a.UpstreamTokenEndpoint is null ? null : new UpstreamOAuthResponse(a.UpstreamTokenEndpoint, a.UpstreamClientId ?? "", a.UpstreamScope, a.UpstreamProtectedClientSecret is not null),
        a.UpstreamTimeout,
        a.HealthCheckPath is null ? null : new UpstreamHealthCheckResponse(a.HealthCheckPath, a.HealthCheckInterval ?? UpstreamHealthCheckInput.DefaultInterval),
        a.ValidationWaiverReason is { } reason && a.ValidationWaiverExpiresAt is { } expires
            ? new ValidationWaiverResponse(reason, expires, a.ValidationWaiverRecordedAt, expires <= now) : null,
        a.RiskLevel, a.ApplicationKind,
        a.Status, $"/{a.Opd?.Code}/{a.Slug}/{a.Version}/",
        ApiLifecycle.NextFrom(a.Status), a.CreatedAt, a.UpdatedAt);
}

/// <summary>An upstream's OAuth settings as the admin API shows them: never the secret, only whether one is stored.</summary>
public sealed record UpstreamOAuthResponse(string TokenEndpoint, string ClientId, string? Scope, bool HasClientSecret);
