using Microsoft.EntityFrameworkCore;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Storage;

/// <summary>
/// Reads the routed APIs from the store, detached. The version is read first and without a write-locking
/// transaction: should a change land between the two reads, the snapshot is newer than its version says, and the
/// change's own signal causes another reload, so routes never stay behind.
/// </summary>
internal sealed class StorePublishedApiSource(IDbContextFactory<RegistryDbContext> contexts) : IPublishedApiSource
{
    public async Task<PublishedApiSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.State.AsNoTracking().Select(s => s.ConfigVersion).SingleAsync(cancellationToken);
        var rows = await db.Apis.AsNoTracking()
            .Where(a => a.Status == ApiStatus.Published || a.Status == ApiStatus.Deprecated)
            .Select(a => new { Api = a, a.Opd!.Code, a.Opd.TenantDomain })
            .ToListAsync(cancellationToken);
        var apis = rows
            .Select(r => new PublishedApi(r.Api.Id, r.Code, r.TenantDomain, r.Api.Name, r.Api.Slug, r.Api.Version,
                r.Api.UpstreamUrls.ToArray(), r.Api.AllowInsecureUpstream, r.Api.Classification, r.Api.Status,
                r.Api.IsPublic, r.Api.ForwardAccessToken, r.Api.RequiredScopes.ToArray(), UpstreamOAuthVersion(r.Api))
            {
                DocumentRevision = r.Api.DocumentRevision,
                Validation = r.Api.Validation,
                Cors = r.Api.Cors,
                UpstreamTimeout = r.Api.UpstreamTimeout,
                HealthCheckPath = r.Api.HealthCheckPath,
                HealthCheckInterval = r.Api.HealthCheckInterval,
            })
            .OrderBy(a => a.PathPrefix, StringComparer.Ordinal)
            .ToArray();
        return new PublishedApiSnapshot(version, apis);
    }

    /// <summary>A fingerprint of the gateway's credentials at the upstream's token endpoint (of the encrypted secret, never the secret).</summary>
    private static string? UpstreamOAuthVersion(Api api) =>
        api.UpstreamTokenEndpoint is null ? null
        : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            $"{api.UpstreamTokenEndpoint}\n{api.UpstreamClientId}\n{api.UpstreamScope}\n{api.UpstreamProtectedClientSecret}")), 0, 8);

    public async Task<long> GetConfigVersionAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.State.AsNoTracking().Select(s => s.ConfigVersion).SingleAsync(cancellationToken);
    }
}
