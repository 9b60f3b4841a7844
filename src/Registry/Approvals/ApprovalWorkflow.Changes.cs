using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.Approvals;

/// <summary>Change requests: a live API's settings change only once the approval profile's stages approve the change.</summary>
public sealed partial class ApprovalWorkflow
{
    private static readonly JsonSerializerOptions ChangeJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// Proposes a change of an API's settings. A draft is changed at once. A live API (published, deprecated, suspended)
    /// gets a change request checked against every rule now and stored without touching what the gateway serves: no new
    /// configuration version, so no route reload, until its last stage approves it. One change request at a time per API.
    /// </summary>
    public async Task<ChangeOutcome?> ProposeChangeAsync(ActorIdentity actor, Guid apiId, ProposedChange change, CancellationToken ct)
    {
        var api = await apis.FindApiAsync(apiId, ct);
        if (api is null)
            return null;
        await RequireActsForOpdAsync(actor, api, "change", ct);
        if (!ApiLifecycle.IsLive(api.Status))
        {
            var applied = await apis.ChangeAsync(apiId, change, ChangeMode.DraftOnly, null, null, ct);
            await AuditAsync(actor, "changed", "succeeded", apiId, null);
            return new ChangeOutcome(applied, null);
        }
        if (await FindPendingAsync(apiId, ct) is { } pending)
            throw new RegistryConflictException($"Change request {pending.Id} on this API waits for a decision; withdraw it or wait for it before proposing another.");
        var checkedApi = await apis.ChangeAsync(apiId, change, ChangeMode.CheckOnly, null, null, ct)
            ?? throw new RegistryConflictException("The API no longer exists.");
        // A new upstream secret waits encrypted, as the API would store it; the stored proposal never holds it in clear.
        var newSecret = change.Api?.UpstreamOAuth is { ClientSecret: { Length: > 0 } } ? checkedApi.UpstreamProtectedClientSecret : null;
        var stored = change.Api?.UpstreamOAuth is { } oauth ? change with { Api = change.Api with { UpstreamOAuth = oauth with { ClientSecret = null } } } : change;
        var profile = profiles.Current;
        var request = new ApprovalRequest
        {
            Id = Guid.NewGuid(), ApiId = apiId, Kind = ApprovalRequestKind.Change, Profile = profile.Name, StageIndex = 0,
            ProposedChange = JsonSerializer.Serialize(stored, ChangeJson), ProtectedUpstreamSecret = newSecret,
            DocumentRevision = api.DocumentRevision, SubmittedById = actor.Id, SubmittedByName = actor.Name, SubmittedAt = clock.GetUtcNow(),
        };
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.ApprovalRequests.Add(request);
        db.OnboardingDecisions.Add(NewDecision(request, "change-requested", null, actor, null));
        await writer.SaveAsync(db, ct); // what the gateway serves is unchanged: no new configuration version
        await AuditAsync(actor, "change-requested", "succeeded", apiId, request);
        return new ChangeOutcome(null, request);
    }

    /// <summary>The change a request proposes, as stored (a new upstream secret is not in it).</summary>
    public static ProposedChange? ReadChange(ApprovalRequest request) =>
        request.ProposedChange is null ? null : JsonSerializer.Deserialize<ProposedChange>(request.ProposedChange, ChangeJson);

    /// <summary>Applies an approved change request, the decision recorded in the same transaction; the rules are checked again.</summary>
    private async Task ApplyChangeAsync(ApprovalRequest request, Action<RegistryDbContext> record, CancellationToken ct)
    {
        var change = ReadChange(request) ?? throw new RegistryConflictException("The change request holds no change.");
        await apis.ChangeAsync(request.ApiId, change, ChangeMode.ApplyApproved, request.ProtectedUpstreamSecret, record, ct);
    }

    /// <summary>
    /// Records a security reviewer's validation waiver for an API of Restricted information or above without an OpenAPI
    /// document (see <see cref="RegistryRules.CheckStanding(Api, DateTimeOffset)"/>), with who recorded it.
    /// </summary>
    public async Task<Api?> RecordValidationWaiverAsync(ActorIdentity actor, Guid apiId, ValidationWaiverInput input, CancellationToken ct)
    {
        if (!actor.Roles.Contains(PortalRole.SecurityReviewer))
        {
            await AuditAsync(actor, "waiver-refused", "refused", apiId, null, new() { ["rule"] = "role" });
            throw new ApprovalRefusedException("role", "A validation waiver is recorded by a security reviewer (SecurityReviewer).");
        }
        var api = await standingRules.SetValidationWaiverAsync(apiId, input, actor.Name, ct);
        if (api is not null)
            await AuditAsync(actor, "waiver-recorded", "succeeded", apiId, null, new() { ["expiresAt"] = api.ValidationWaiverExpiresAt?.ToString("O") });
        return api;
    }
}
