using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;
using static SpbeConnector.Registry.Catalog.CatalogChecks;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// Plans and per-operation limits of APIs (Pasal 59 ayat (13) huruf c-e, ayat (6) huruf b); a subscription's plan is
/// changed by <see cref="SubscriptionCatalog"/>. Each change bumps the access version, so every gateway node enforces
/// it within a second, without a restart.
/// </summary>
public sealed partial class PlanCatalog(
    IDbContextFactory<RegistryDbContext> contexts,
    RegistryWriter writer,
    TimeProvider clock,
    ILogger<PlanCatalog> logger)
{
    public async Task<IReadOnlyList<Plan>> ListPlansAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var plans = await db.Plans.AsNoTracking().ToListAsync(ct);
        return plans.OrderBy(p => p.RequestsPerMinute ?? long.MaxValue).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<Plan?> FindPlanAsync(string name, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Name == name, ct);
    }

    public async Task<Plan> CreatePlanAsync(PlanInput input, CancellationToken ct)
    {
        ThrowIfInvalid(RegistryRules.Check(input));
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Plans.AnyAsync(p => p.Name == input.Name, ct))
            throw new RegistryConflictException(RegistryMessages.PlanTaken, ("name", input.Name));
        var now = clock.GetUtcNow();
        var plan = new Plan { Id = Guid.NewGuid(), Name = input.Name, CreatedAt = now };
        Apply(plan, input, now);
        db.Plans.Add(plan);
        await writer.SaveAndSignalAccessAsync(db, ct);
        LogPlanSaved(plan.Name, "created");
        return plan;
    }

    /// <summary>Changes a plan's limits; every subscription on it gets the new limits at once. The name stays.</summary>
    public async Task<Plan?> UpdatePlanAsync(string name, PlanInput input, CancellationToken ct)
    {
        ThrowIfInvalid(RegistryRules.Check(input with { Name = name }));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Name == name, ct);
        if (plan is null)
            return null;
        Apply(plan, input, clock.GetUtcNow());
        await writer.SaveAndSignalAccessAsync(db, ct);
        LogPlanSaved(plan.Name, "changed");
        return plan;
    }

    /// <summary>
    /// Deletes a plan nobody depends on; false when no such plan exists. Refused while a subscription is on it (its
    /// limits would be undefined), while an API offers it in the portal, and for Bronze, the plan of every subscription
    /// that names none.
    /// </summary>
    public async Task<bool> DeletePlanAsync(string name, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Name == name, ct);
        if (plan is null)
            return false;
        if (plan.Id == Plan.BronzeId)
            throw new RegistryConflictException(RegistryMessages.PlanBronzeKept);
        var subscriptions = await db.Subscriptions.CountAsync(s => s.PlanId == plan.Id, ct);
        if (subscriptions > 0)
            throw new RegistryConflictException(RegistryMessages.PlanInUse, ("count", subscriptions), ("name", name));
        // Offered plans are kept by name in each API's portal profile (a short list per API): checked here, not in SQL.
        var offering = (await db.ApiProfiles.AsNoTracking().Select(p => new { p.ApiId, p.Plans }).ToListAsync(ct))
            .Where(p => p.Plans.Contains(name, StringComparer.Ordinal)).Select(p => p.ApiId).ToList();
        if (offering.Count > 0)
            throw new RegistryConflictException(RegistryMessages.PlanOffered, ("name", name), ("count", offering.Count), ("apis", string.Join(", ", offering.Take(5))));
        db.Plans.Remove(plan);
        await writer.SaveAndSignalAccessAsync(db, ct);
        LogPlanSaved(plan.Name, "deleted");
        return true;
    }

    /// <summary>The per-operation limits of an API, or null when no such API is registered.</summary>
    public async Task<IReadOnlyList<ApiOperationLimit>?> ListOperationLimitsAsync(Guid apiId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Apis.AnyAsync(a => a.Id == apiId, ct))
            return null;
        var limits = await db.OperationLimits.AsNoTracking().Where(o => o.ApiId == apiId).ToListAsync(ct);
        return limits.OrderBy(o => o.PathTemplate, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal).ToList();
    }

    /// <summary>Replaces every per-operation limit of an API (an empty list removes them); null when no such API is registered.</summary>
    public async Task<IReadOnlyList<ApiOperationLimit>?> ReplaceOperationLimitsAsync(Guid apiId, IReadOnlyList<OperationLimitInput>? input, CancellationToken ct)
    {
        ThrowIfInvalid(RegistryRules.Check(input));
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Apis.AnyAsync(a => a.Id == apiId, ct))
            return null;
        db.OperationLimits.RemoveRange(await db.OperationLimits.Where(o => o.ApiId == apiId).ToListAsync(ct));
        var limits = input!.Select(o => new ApiOperationLimit { ApiId = apiId, Method = o.Method, PathTemplate = o.PathTemplate, RequestsPerMinute = o.RequestsPerMinute }).ToList();
        db.OperationLimits.AddRange(limits);
        await writer.SaveAndSignalAccessAsync(db, ct);
        LogOperationLimitsReplaced(apiId, limits.Count);
        return limits;
    }

    private static void Apply(Plan plan, PlanInput input, DateTimeOffset now)
    {
        plan.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        plan.RequestsPerSecond = input.RequestsPerSecond;
        plan.RequestsPerMinute = input.RequestsPerMinute;
        plan.DailyQuota = input.DailyQuota;
        plan.MonthlyQuota = input.MonthlyQuota;
        plan.MaxConcurrentRequests = input.MaxConcurrentRequests;
        plan.AdministratorOnly = input.AdministratorOnly;
        plan.UpdatedAt = now;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plan {Plan} {Action}")]
    private partial void LogPlanSaved(string plan, string action);

    [LoggerMessage(Level = LogLevel.Information, Message = "API {ApiId} has {Count} per-operation limits now")]
    private partial void LogOperationLimitsReplaced(Guid apiId, int count);
}
