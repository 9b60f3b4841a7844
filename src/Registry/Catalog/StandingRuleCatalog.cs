using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;
using static SpbeConnector.Registry.Catalog.CatalogChecks;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>The standing rules' exceptions and breaches: validation waivers recorded by security reviewers, and the APIs that break a rule now.</summary>
public sealed partial class StandingRuleCatalog(
    IDbContextFactory<RegistryDbContext> contexts,
    RegistryWriter writer,
    TimeProvider clock,
    ILogger<StandingRuleCatalog> logger)
{
    /// <summary>
    /// Records a security reviewer's waiver (called by <see cref="Approvals.ApprovalWorkflow"/>, which checks the role) for an API without an OpenAPI document (see
    /// <see cref="RegistryRules.CheckStanding(Api, DateTimeOffset)"/>); a new waiver replaces the previous one. Null
    /// when the API does not exist.
    /// </summary>
    internal async Task<Api?> SetValidationWaiverAsync(Guid id, ValidationWaiverInput input, string recordedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        ThrowIfInvalid(RegistryRules.Check(input, now));
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await ApiCatalog.FindChangeableAsync(db, id, ct) is not { } api)
            return null;
        api.ValidationWaiverReason = input.Reason!.Trim();
        api.ValidationWaiverExpiresAt = input.ExpiresAt!.Value.ToUniversalTime();
        api.ValidationWaiverRecordedAt = now;
        api.ValidationWaiverRecordedBy = recordedBy;
        api.UpdatedAt = now;
        // The data plane does not read the waiver: what it routes is unchanged, so no new configuration version.
        await writer.SaveAsync(db, ct);
        LogWaiverRecorded(api.Id, api.ValidationWaiverExpiresAt.Value);
        return api;
    }

    /// <summary>
    /// The APIs that break a standing rule now, with what is missing: they keep serving on what was approved, the
    /// security reviewers see them here, and no change to them is accepted until it fixes them. Retired APIs are left out.
    /// </summary>
    public async Task<IReadOnlyList<ApiRuleViolation>> ListRuleViolationsAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var apis = await db.Apis.AsNoTracking().Include(a => a.Opd).Where(a => a.Status != ApiStatus.Retired).ToListAsync(ct);
        var promised = await db.ApiProfiles.AsNoTracking().Select(p => new { p.ApiId, p.SlaTargetPercent }).ToDictionaryAsync(p => p.ApiId, p => p.SlaTargetPercent, ct);
        var now = clock.GetUtcNow();
        var violations = new List<ApiRuleViolation>();
        foreach (var api in apis.OrderBy(a => a.Opd!.Code).ThenBy(a => a.Slug).ThenBy(a => a.Version))
        {
            var missing = RegistryRules.CheckStanding(api, now);
            if (promised.TryGetValue(api.Id, out var sla) && RegistryRules.CheckSlaTarget(sla) is { } slaProblem)
                missing.Add([slaProblem]);
            if (missing.Count > 0)
                violations.Add(new ApiRuleViolation(api, missing));
        }
        return violations;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Validation waiver recorded for API {ApiId}, until {ExpiresAt:O}")]
    private partial void LogWaiverRecorded(Guid apiId, DateTimeOffset expiresAt);
}
