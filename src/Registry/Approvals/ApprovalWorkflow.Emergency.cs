using Microsoft.EntityFrameworkCore;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.Approvals;

/// <summary>
/// Emergency acts: what must stop at once is stopped by one person (the platform administrator or a security reviewer,
/// and for a subscription also its decider), with a mandatory reason; each act is recorded and flagged until a second
/// person reviews it after the fact. Resuming a suspended API is a security reviewer's decision, not the suspender's.
/// </summary>
public sealed partial class ApprovalWorkflow
{
    private static readonly PortalRole[] EmergencyRoles = [PortalRole.PlatformAdministrator, PortalRole.SecurityReviewer];

    public async Task<EmergencyAct?> SuspendApiAsync(ActorIdentity actor, Guid apiId, string? reason, CancellationToken ct) =>
        await ApiActAsync(actor, apiId, ApiStatus.Suspended, "api-suspended", reason, ct);

    public async Task<EmergencyAct?> RetireApiAsync(ActorIdentity actor, Guid apiId, string? reason, CancellationToken ct) =>
        await ApiActAsync(actor, apiId, ApiStatus.Retired, "api-retired", reason, ct);

    private async Task<EmergencyAct?> ApiActAsync(ActorIdentity actor, Guid apiId, ApiStatus target, string act, string? reason, CancellationToken ct)
    {
        var emergency = await StartActAsync(actor, act, apiId.ToString(), reason, EmergencyRoles);
        var moved = await apis.MoveApiAsync(apiId, target, (db, _) =>
        {
            db.EmergencyActs.Add(emergency);
            db.OnboardingDecisions.Add(NewDecision(null, apiId, act, null, actor, emergency.Reason));
        }, ct);
        return await FinishActAsync(actor, emergency, moved is not null);
    }

    /// <summary>Puts a suspended API back in service: a security reviewer other than who suspended it.</summary>
    public async Task<Api?> ResumeAsync(ActorIdentity actor, Guid apiId, string? notes, CancellationToken ct)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var suspension = (await db.EmergencyActs.AsNoTracking().Where(a => a.Target == apiId.ToString() && a.Act == "api-suspended").ToListAsync(ct)).MaxBy(a => a.At);
            var refusal = !actor.Roles.Contains(PortalRole.SecurityReviewer)
                    ? new ApprovalRefusedException("role", "A suspended API is put back in service by a security reviewer (SecurityReviewer).")
                : actor.Is(suspension?.ActorId)
                    ? new ApprovalRefusedException("four-eyes", "The caller suspended this API; another person decides to resume it.")
                : null;
            if (refusal is not null)
            {
                await AuditAsync(actor, "resume-refused", "refused", apiId, null, new() { ["rule"] = refusal.Rule });
                throw refusal;
            }
        }
        var resumed = await apis.MoveApiAsync(apiId, ApiStatus.Published,
            (db, _) => db.OnboardingDecisions.Add(NewDecision(null, apiId, "resumed", null, actor, string.IsNullOrWhiteSpace(notes) ? null : notes.Trim())), ct);
        await AuditAsync(actor, "resumed", "succeeded", apiId, null);
        return resumed;
    }

    /// <summary>Revokes a subscription at once; its API's decider may do so too.</summary>
    public async Task<EmergencyAct?> RevokeSubscriptionAsync(ActorIdentity actor, Guid subscriptionId, string? reason, CancellationToken ct)
    {
        var subscription = await subscriptions.FindSubscriptionAsync(subscriptionId, ct);
        if (subscription is null)
            return null;
        var decider = profiles.Current.SubscriptionDecider;
        var roles = actor.OpdCode is not null && actor.OpdCode == subscription.Api?.Opd?.Code ? [.. EmergencyRoles, decider] : EmergencyRoles;
        var emergency = await StartActAsync(actor, "subscription-revoked", subscriptionId.ToString(), reason, roles);
        var moved = await subscriptions.MoveSubscriptionAsync(subscriptionId, SubscriptionStatus.Revoked, (db, _) => db.EmergencyActs.Add(emergency), ct);
        return await FinishActAsync(actor, emergency, moved is not null);
    }

    /// <summary>Disables a client application at once (with a reason), or enables it again (the platform administrator).</summary>
    public async Task<ClientApplication?> SetClientStatusAsync(ActorIdentity actor, string clientId, ClientStatus status, string? reason, CancellationToken ct)
    {
        if (status == ClientStatus.Enabled)
        {
            if (!actor.Holds(EmergencyRoles))
                throw new ApprovalRefusedException("role", "A client application is enabled by the platform administrator or a security reviewer.");
            var enabled = await clients.SetClientStatusAsync(clientId, status, null, ct);
            if (enabled is not null)
                await AuditAsync(actor, "client-enabled", "succeeded", $"client:{clientId}", null);
            return enabled;
        }
        var emergency = await StartActAsync(actor, "client-disabled", clientId, reason, EmergencyRoles);
        var client = await clients.SetClientStatusAsync(clientId, status, (db, _) => db.EmergencyActs.Add(emergency), ct);
        await FinishActAsync(actor, emergency, client is not null);
        return client;
    }

    public async Task<IReadOnlyList<EmergencyAct>> ListEmergencyActsAsync(bool awaitingReviewOnly, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.EmergencyActs.AsNoTracking().AsQueryable();
        if (awaitingReviewOnly)
            query = query.Where(a => a.ReviewedAt == null);
        return (await query.ToListAsync(ct)).OrderByDescending(a => a.At).ToList();
    }

    /// <summary>The review after the fact: a security reviewer or the platform administrator other than who acted, with notes.</summary>
    public async Task<EmergencyAct?> ReviewEmergencyActAsync(ActorIdentity actor, Guid actId, string? notes, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var act = await db.EmergencyActs.SingleOrDefaultAsync(a => a.Id == actId, ct);
        if (act is null)
            return null;
        var refusal = !actor.Holds(EmergencyRoles)
                ? new ApprovalRefusedException("role", "An emergency act is reviewed by a security reviewer or the platform administrator.")
            : actor.Is(act.ActorId)
                ? new ApprovalRefusedException("four-eyes", "The caller took this act; another person reviews it.")
            : null;
        if (refusal is not null)
        {
            await AuditAsync(actor, "emergency-review-refused", "refused", $"emergency:{actId}", new() { ["rule"] = refusal.Rule });
            throw refusal;
        }
        if (act.ReviewedAt is not null)
            throw new RegistryConflictException("This act has been reviewed already.");
        if (string.IsNullOrWhiteSpace(notes))
            throw new RegistryValidationException(new Dictionary<string, string[]> { ["notes"] = ["is required: say whether the act was justified and what follows"] });
        act.ReviewedById = actor.Id;
        act.ReviewedByName = actor.Name;
        act.ReviewNotes = notes.Trim();
        act.ReviewedAt = clock.GetUtcNow();
        await writer.SaveAsync(db, ct);
        await AuditAsync(actor, "emergency-reviewed", "succeeded", $"emergency:{actId}", new() { ["act"] = act.Act, ["target"] = act.Target });
        return act;
    }

    private async Task<EmergencyAct> StartActAsync(ActorIdentity actor, string act, string target, string? reason, PortalRole[] roles)
    {
        if (!actor.Holds(roles))
        {
            await AuditAsync(actor, act + "-refused", "refused", target, new() { ["rule"] = "role" });
            throw new ApprovalRefusedException("role", $"This emergency act is taken by {string.Join(" or ", roles)}.");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 2000)
            throw new RegistryValidationException(new Dictionary<string, string[]>
            {
                ["reason"] = ["is required (at most 2000 characters): an act taken at once by one person says why, for the review after the fact"],
            });
        return new EmergencyAct
        {
            Id = Guid.NewGuid(), Act = act, Target = target, Reason = reason.Trim(), ActorId = actor.Id, ActorName = actor.Name, At = clock.GetUtcNow(),
        };
    }

    private async Task<EmergencyAct?> FinishActAsync(ActorIdentity actor, EmergencyAct act, bool done)
    {
        if (!done)
            return null;
        await AuditAsync(actor, act.Act, "succeeded", act.Target, new() { ["reason"] = act.Reason, ["emergencyActId"] = act.Id.ToString(), ["reviewAfterTheFact"] = "required" });
        LogEmergencyAct(act.Act, act.Target, actor.Id);
        return act;
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning,
        Message = "Emergency act {Act} on {Target} by {ActorId}; it waits for a second person's review (admin API GET /admin/v1/emergency-acts)")]
    private partial void LogEmergencyAct(string act, string target, string actorId);
}
