using Microsoft.EntityFrameworkCore;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Approvals;

/// <summary>
/// Subscriptions: asked for with a purpose, decided by the approval profile's subscription decider of the API's OPD (its
/// publisher, or its data owner where the regulation names one: Batu Bara Pasal 14 ayat (11), Bogor Pasal 16 ayat (2)),
/// never by who asked.
/// </summary>
public sealed partial class ApprovalWorkflow
{
    public async Task<Subscription> RequestSubscriptionAsync(ActorIdentity actor, SubscriptionInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Purpose) || input.Purpose.Length > 2000)
            throw new RegistryValidationException(new Dictionary<string, string[]>
            {
                ["purpose"] = ["is required (at most 2000 characters): the API's OPD decides knowing what its data will be used for"],
            });
        var now = clock.GetUtcNow();
        var subscription = await subscriptions.RequestSubscriptionAsync(input, (db, s) => db.SubscriptionRequests.Add(new SubscriptionRequest
        {
            SubscriptionId = s.Id,
            Plan = s.Plan?.Name ?? input.Plan ?? "",
            Purpose = input.Purpose.Trim(),
            RequestedBy = actor.Name,
            RequestedById = actor.Id,
            RequestedAt = now,
        }), ct);
        await AuditAsync(actor, "subscription-requested", "succeeded", $"subscription:{subscription.Id}", new() { ["apiId"] = input.ApiId.ToString(), ["scopes"] = string.Join(' ', subscription.Scopes) });
        return subscription;
    }

    /// <summary>
    /// The decider's approval or rejection (a rejection says why). Refused to anyone else: another OPD, another role, or
    /// whoever asked for the subscription.
    /// </summary>
    public async Task<Subscription?> DecideSubscriptionAsync(ActorIdentity actor, Guid subscriptionId, bool approve, string? notes, CancellationToken ct)
    {
        var subscription = await subscriptions.FindSubscriptionAsync(subscriptionId, ct);
        if (subscription is null)
            return null;
        var decider = profiles.Current.SubscriptionDecider;
        var opd = subscription.Api?.Opd?.Code;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var asked = await db.SubscriptionRequests.AsNoTracking().SingleOrDefaultAsync(r => r.SubscriptionId == subscriptionId, ct);
            var refusal = !actor.Roles.Contains(decider) || actor.OpdCode != opd
                    ? new ApprovalRefusedException("role", $"Subscriptions to the APIs of OPD '{opd}' are decided by its {decider} (approval profile '{profiles.Current.Name}').")
                : actor.Is(asked?.RequestedById)
                    ? new ApprovalRefusedException("four-eyes", "The caller asked for this subscription; the API's OPD decides it.")
                : null;
            if (refusal is not null)
            {
                await AuditAsync(actor, "subscription-decision-refused", "refused", $"subscription:{subscriptionId}", new() { ["rule"] = refusal.Rule });
                throw refusal;
            }
        }
        if (!approve && string.IsNullOrWhiteSpace(notes))
            throw new RegistryValidationException(new Dictionary<string, string[]> { ["notes"] = ["is required to reject: say why"] });
        var now = clock.GetUtcNow();
        var trimmed = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        var moved = await subscriptions.MoveSubscriptionAsync(subscriptionId, approve ? SubscriptionStatus.Approved : SubscriptionStatus.Rejected, (db, s) =>
        {
            var request = db.SubscriptionRequests.SingleOrDefault(r => r.SubscriptionId == s.Id);
            if (request is null)
                return; // asked for before requests were recorded: the decision is in the audit log
            request.DecidedById = actor.Id;
            request.DecidedBy = actor.Name;
            request.DecisionNotes = trimmed;
            request.DecidedAt = now;
        }, ct);
        await AuditAsync(actor, approve ? "subscription-approved" : "subscription-rejected", "succeeded", $"subscription:{subscriptionId}",
            new() { ["decider"] = decider.ToString(), ["notes"] = trimmed is null ? null : "recorded" });
        return moved;
    }

    /// <summary>
    /// What was recorded around a subscription (purpose, plan, who asked, who decided and why); null when the subscription
    /// does not exist, or was asked for before requests were recorded (its decision is in the audit log).
    /// </summary>
    public async Task<SubscriptionRequest?> FindSubscriptionRequestAsync(Guid subscriptionId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SubscriptionRequests.AsNoTracking().SingleOrDefaultAsync(r => r.SubscriptionId == subscriptionId, ct);
    }
}
