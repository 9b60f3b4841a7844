using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;
using static SpbeConnector.Registry.Catalog.CatalogChecks;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// Subscriptions of client applications to APIs and their approval (Pasal 60 ayat (3) huruf f, Pasal 59 ayat (15)
/// huruf c: access by established authorization).
/// </summary>
public sealed partial class SubscriptionCatalog(
    IDbContextFactory<RegistryDbContext> contexts,
    RegistryWriter writer,
    TimeProvider clock,
    ILogger<SubscriptionCatalog> logger)
{
    public async Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(string? clientId, Guid? apiId, SubscriptionStatus? status, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = SubscriptionsWithDetails(db).AsNoTracking();
        if (!string.IsNullOrEmpty(clientId))
            query = query.Where(s => s.Client!.ClientId == clientId);
        if (apiId is not null)
            query = query.Where(s => s.ApiId == apiId);
        if (status is not null)
            query = query.Where(s => s.Status == status);
        var list = await query.ToListAsync(ct);
        return list.OrderBy(s => s.Client!.ClientId, StringComparer.Ordinal).ThenBy(s => s.CreatedAt).ToList();
    }

    public async Task<Subscription?> FindSubscriptionAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await SubscriptionsWithDetails(db).AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
    }

    /// <summary>
    /// Records a client's request to use an API; it gives no access until approved. Only
    /// <see cref="Approvals.ApprovalWorkflow"/> calls it, recording who asked and why (<paramref name="alsoRecord"/>).
    /// </summary>
    internal async Task<Subscription> RequestSubscriptionAsync(SubscriptionInput input, Action<RegistryDbContext, Subscription>? alsoRecord, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var client = await db.Clients.SingleOrDefaultAsync(c => c.ClientId == input.ClientId, ct);
        var api = await db.Apis.Include(a => a.Opd).SingleOrDefaultAsync(a => a.Id == input.ApiId, ct);
        var errors = new RegistryProblems();
        if (client is null)
            errors.Add("clientId", RegistryMessages.ClientUnknown);
        if (api is null)
            errors.Add("apiId", RegistryMessages.ApiUnknown);
        else if (api.Status == ApiStatus.Retired)
            errors.Add("apiId", RegistryMessages.ApiRetiredTarget);
        else
            errors.Add(RegistryRules.CheckSubscriptionScopes(input.Scopes, api.Scopes));
        ThrowIfInvalid(errors);
        // A subscription request never lifts limits: administrator-only plans are attached by an administrator afterwards.
        var plan = await ResolvePlanAsync(db, input.Plan, administratorDecision: false, ct);
        if (await db.Subscriptions.AnyAsync(s => s.ClientApplicationId == client!.Id && s.ApiId == api!.Id, ct))
            throw new RegistryConflictException(RegistryMessages.SubscriptionTaken, ("clientId", client!.ClientId));
        var now = clock.GetUtcNow();
        var subscription = new Subscription
        {
            Id = Guid.NewGuid(),
            ClientApplicationId = client!.Id,
            ApiId = api!.Id,
            Scopes = (input.Scopes ?? []).Distinct(StringComparer.Ordinal).ToList(),
            Status = SubscriptionStatus.Requested,
            PlanId = plan.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Subscriptions.Add(subscription);
        alsoRecord?.Invoke(db, subscription);
        await writer.SaveAndSignalAccessAsync(db, ct);
        subscription.Client = client;
        subscription.Api = api;
        subscription.Plan = plan;
        LogSubscriptionRequested(client.ClientId, api.Id, subscription.Id);
        return subscription;
    }

    /// <summary>
    /// Approves, rejects or revokes a subscription, if <see cref="SubscriptionLifecycle"/> allows the move, recording
    /// <paramref name="alsoRecord"/> in the same transaction. Only <see cref="Approvals.ApprovalWorkflow"/> calls it: the
    /// profile's subscription decider approves or rejects, revocation is an emergency act with a reason.
    /// </summary>
    internal async Task<Subscription?> MoveSubscriptionAsync(Guid id, SubscriptionStatus target, Action<RegistryDbContext, Subscription>? alsoRecord, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var subscription = await SubscriptionsWithDetails(db).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null)
            return null;
        if (!SubscriptionLifecycle.CanMove(subscription.Status, target))
        {
            var next = SubscriptionLifecycle.NextFrom(subscription.Status);
            throw new RegistryConflictException(RegistryMessages.SubscriptionCannotMove,
                ("status", subscription.Status), ("target", target), ("next", string.Join(", ", next)));
        }
        var from = subscription.Status;
        subscription.Status = target;
        subscription.UpdatedAt = clock.GetUtcNow();
        alsoRecord?.Invoke(db, subscription);
        await writer.SaveAndSignalAccessAsync(db, ct);
        LogSubscriptionMoved(subscription.Id, from, target);
        return subscription;
    }

    /// <summary>Moves a subscription to another plan; administrator-only plans need an explicit administrator decision.</summary>
    public async Task<Subscription?> ChangeSubscriptionPlanAsync(Guid id, SubscriptionPlanChange change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var subscription = await SubscriptionsWithDetails(db).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null)
            return null;
        var plan = await ResolvePlanAsync(db, change.Plan, change.AdministratorDecision, ct);
        var from = subscription.Plan?.Name;
        subscription.PlanId = plan.Id;
        subscription.Plan = plan;
        subscription.UpdatedAt = clock.GetUtcNow();
        await writer.SaveAndSignalAccessAsync(db, ct);
        LogSubscriptionPlanChanged(subscription.Id, from, plan.Name, change.AdministratorDecision);
        return subscription;
    }

    /// <summary>The plan named <paramref name="name"/> (default Bronze), refusing administrator-only plans without a decision.</summary>
    private static async Task<Plan> ResolvePlanAsync(RegistryDbContext db, string? name, bool administratorDecision, CancellationToken ct)
    {
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Name == (name ?? Plan.DefaultName), ct);
        if (plan is null)
            throw new RegistryValidationException(new RegistryProblems().Add("plan", RegistryMessages.PlanUnknown));
        if (plan.AdministratorOnly && !administratorDecision)
            throw new RegistryValidationException(new RegistryProblems().Add("plan", RegistryMessages.PlanAdministratorOnly, ("plan", plan.Name)));
        return plan;
    }

    private static IQueryable<Subscription> SubscriptionsWithDetails(RegistryDbContext db) =>
        db.Subscriptions.Include(s => s.Client).Include(s => s.Plan).Include(s => s.Api).ThenInclude(a => a!.Opd);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client application {ClientId} requested API {ApiId} (subscription {SubscriptionId})")]
    private partial void LogSubscriptionRequested(string clientId, Guid apiId, Guid subscriptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId} moved from {From} to {To}")]
    private partial void LogSubscriptionMoved(Guid subscriptionId, SubscriptionStatus from, SubscriptionStatus to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId} moved from plan {From} to {To} (administrator decision: {AdministratorDecision})")]
    private partial void LogSubscriptionPlanChanged(Guid subscriptionId, string? from, string to, bool administratorDecision);
}
