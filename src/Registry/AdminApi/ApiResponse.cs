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
    ApiStatus Status,
    string PublicPath,
    IReadOnlyList<ApiStatus> NextStatuses,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ApiResponse From(Api a) => new(
        a.Id, a.Opd?.Code ?? "", a.Name, a.Slug, a.Version, a.Description, a.UpstreamUrls, a.AllowInsecureUpstream,
        a.OpenApiDocument is not null, a.DocumentRevision, a.Classification, a.Status, $"/{a.Opd?.Code}/{a.Slug}/{a.Version}/",
        ApiLifecycle.NextFrom(a.Status), a.CreatedAt, a.UpdatedAt);
}
