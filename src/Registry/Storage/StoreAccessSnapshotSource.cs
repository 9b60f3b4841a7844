using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Storage;

/// <summary>
/// Reads the access snapshot from the store, detached. As with routes, the version is read first: a change landing
/// between the reads makes the snapshot newer than its version says, and its own signal causes another load.
/// </summary>
internal sealed class StoreAccessSnapshotSource(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock) : IAccessSnapshotSource
{
    public async Task<AccessSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.State.AsNoTracking().Select(s => s.AccessVersion).SingleAsync(cancellationToken);
        var clients = await db.Clients.AsNoTracking().Select(c => new { c.Id, c.ClientId, OpdCode = c.Opd != null ? c.Opd.Code : null, c.Status }).ToListAsync(cancellationToken);
        var approved = await db.Subscriptions.AsNoTracking()
            .Where(s => s.Status == SubscriptionStatus.Approved)
            .Select(s => new { s.ClientApplicationId, s.ApiId, s.PlanId })
            .ToListAsync(cancellationToken);
        var byClient = approved.ToLookup(s => s.ClientApplicationId);
        var plans = (await db.Plans.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(p => p.Id, p =>
            new PlanLimits(p.Id, p.Name, p.RequestsPerSecond, p.RequestsPerMinute, p.DailyQuota, p.MonthlyQuota, p.MaxConcurrentRequests));
        var operationLimits = (await db.OperationLimits.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(o => o.ApiId)
            .ToFrozenDictionary(g => g.Key, g => g.Select(o => new OperationLimit(o.Method, o.PathTemplate, o.RequestsPerMinute)).ToArray());
        var now = clock.GetUtcNow();
        // Filtered here: SQLite cannot compare DateTimeOffset values in SQL. The table holds only short-lived entries.
        var revoked = (await db.RevokedTokens.AsNoTracking().Select(r => new { r.TokenId, r.ExpiresAt }).ToListAsync(cancellationToken))
            .Where(r => r.ExpiresAt > now).Select(r => r.TokenId);
        return new AccessSnapshot(
            version,
            clients.ToFrozenDictionary(
                c => c.ClientId,
                c => new ClientAccess(c.ClientId, c.OpdCode, c.Status == ClientStatus.Enabled, byClient[c.Id].Select(s => s.ApiId).ToFrozenSet())
                {
                    Plans = byClient[c.Id].ToFrozenDictionary(s => s.ApiId, s => plans[s.PlanId]),
                },
                StringComparer.Ordinal),
            revoked.ToFrozenSet(StringComparer.Ordinal))
        {
            OperationLimits = operationLimits,
        };
    }

    public async Task<long> GetAccessVersionAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.State.AsNoTracking().Select(s => s.AccessVersion).SingleAsync(cancellationToken);
    }
}
