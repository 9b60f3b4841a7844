using Microsoft.EntityFrameworkCore;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Storage;

/// <summary>
/// The one projection of a stored API to what the data plane routes (<see cref="PublishedApi"/>). The store reads the
/// routed APIs through it, and the catalog compares an API's view before and after a write with it: a write whose view
/// is unchanged (a Draft API submitted, a description edited) changes nothing the data plane sees and reloads nothing.
/// </summary>
internal static class RoutedApiView
{
    public static bool IsRouted(ApiStatus status) => status is ApiStatus.Published or ApiStatus.Deprecated;

    /// <summary>What the data plane sees of <paramref name="api"/>; null when it is not routed.</summary>
    public static PublishedApi? Of(Api api, Opd opd) => Of(api, opd.Code, opd.TenantDomain);

    public static PublishedApi? Of(Api api, string opdCode, string? tenantDomain) =>
        !IsRouted(api.Status) ? null
        : new PublishedApi(api.Id, opdCode, tenantDomain, api.Name, api.Slug, api.Version,
            api.UpstreamUrls.ToArray(), api.AllowInsecureUpstream, api.Classification, api.Status,
            api.IsPublic, api.ForwardAccessToken, api.RequiredScopes.ToArray(), UpstreamOAuthVersion(api))
        {
            DocumentRevision = api.DocumentRevision,
            Validation = api.Validation,
            Cors = api.Cors,
            UpstreamTimeout = api.UpstreamTimeout,
            HealthCheckPath = api.HealthCheckPath,
            HealthCheckInterval = api.HealthCheckInterval,
        };

    /// <summary>Whether a write that turned <paramref name="before"/> into <paramref name="after"/> changes the routes.</summary>
    public static bool Changed(PublishedApi? before, PublishedApi? after) => !PublishedApiComparer.Instance.Equals(before, after);

    /// <summary>
    /// The routed APIs with the columns routing needs only: never the OpenAPI document (the whole text of every API's
    /// document was most of a reload's time at 5,000 APIs), the description or the waiver.
    /// </summary>
    public static IQueryable<Row> Query(RegistryDbContext db) =>
        db.Apis.AsNoTracking()
            .Where(a => a.Status == ApiStatus.Published || a.Status == ApiStatus.Deprecated)
            .Select(a => new Row
            {
                Api = new Api
            {
                Id = a.Id,
                Name = a.Name,
                Slug = a.Slug,
                Version = a.Version,
                UpstreamUrls = a.UpstreamUrls,
                AllowInsecureUpstream = a.AllowInsecureUpstream,
                Classification = a.Classification,
                Status = a.Status,
                IsPublic = a.IsPublic,
                ForwardAccessToken = a.ForwardAccessToken,
                RequiredScopes = a.RequiredScopes,
                UpstreamTokenEndpoint = a.UpstreamTokenEndpoint,
                UpstreamClientId = a.UpstreamClientId,
                UpstreamScope = a.UpstreamScope,
                UpstreamProtectedClientSecret = a.UpstreamProtectedClientSecret,
                DocumentRevision = a.DocumentRevision,
                Validation = a.Validation,
                Cors = a.Cors,
                UpstreamTimeout = a.UpstreamTimeout,
                HealthCheckPath = a.HealthCheckPath,
                HealthCheckInterval = a.HealthCheckInterval,
            },
                OpdCode = a.Opd!.Code,
                TenantDomain = a.Opd.TenantDomain,
            });

    /// <summary>One routed API as read, with its OPD's code and tenant domain.</summary>
    public sealed class Row
    {
        public required Api Api { get; init; }
        public required string OpdCode { get; init; }
        public string? TenantDomain { get; init; }
    }

    /// <summary>A fingerprint of the gateway's credentials at the upstream's token endpoint (of the encrypted secret, never the secret).</summary>
    private static string? UpstreamOAuthVersion(Api api) =>
        api.UpstreamTokenEndpoint is null ? null
        : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            $"{api.UpstreamTokenEndpoint}\n{api.UpstreamClientId}\n{api.UpstreamScope}\n{api.UpstreamProtectedClientSecret}")), 0, 8);
}
