using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.OAuth;

namespace SpbeConnector.Registry.Storage;

internal sealed class StoreUpstreamCredentialSource(IDbContextFactory<RegistryDbContext> contexts, IDataProtectionProvider protection) : IUpstreamCredentialSource
{
    public async Task<UpstreamClientCredentials?> FindAsync(Guid apiId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var api = await db.Apis.AsNoTracking()
            .Where(a => a.Id == apiId)
            .Select(a => new { a.UpstreamTokenEndpoint, a.UpstreamClientId, a.UpstreamProtectedClientSecret, a.UpstreamScope })
            .SingleOrDefaultAsync(cancellationToken);
        if (api?.UpstreamTokenEndpoint is null || api.UpstreamClientId is null || api.UpstreamProtectedClientSecret is null)
            return null;
        return new UpstreamClientCredentials(api.UpstreamTokenEndpoint, api.UpstreamClientId,
            UpstreamSecretProtection.Unprotect(protection, api.UpstreamProtectedClientSecret), api.UpstreamScope);
    }
}
