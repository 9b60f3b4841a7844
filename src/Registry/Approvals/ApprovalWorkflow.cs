using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.Approvals;

/// <summary>
/// The one approval workflow every door goes through (admin API, portal, demo seeding): an API reaches the gateway only
/// after the stages of the approval profile in force (GOV-01: kelaikan operasi and kelaikan keamanan, in the form each
/// regulation prescribes), a live API's settings change only through an approved change request, subscriptions are
/// decided by the profile's decider, and the few acts that cannot wait (suspend or retire an API, revoke a subscription,
/// disable a client) are taken by one person with a reason and flagged for review after the fact. Four eyes: no one
/// decides what they submitted, and no one decides two stages of the same request. The catalog's state-changing methods
/// for these steps are internal to the registry and called only from here. Every decision goes to the audit log with its
/// actor (Pasal 59 ayat (9) huruf d), refusals too.
/// </summary>
public sealed partial class ApprovalWorkflow(
    IDbContextFactory<RegistryDbContext> contexts,
    ApiCatalog apis,
    SubscriptionCatalog subscriptions,
    ClientCatalog clients,
    StandingRuleCatalog standingRules,
    RegistryWriter writer,
    ApprovalProfiles profiles,
    IEnumerable<IAuditTrail> auditTrails,
    TimeProvider clock,
    ILogger<ApprovalWorkflow> logger)
{
    private readonly IAuditTrail? _audit = auditTrails.FirstOrDefault();

    public ApprovalProfile CurrentProfile => profiles.Current;

    public ApprovalProfile ProfileOf(ApprovalRequest request) => profiles.Find(request.Profile);

    /// <summary>
    /// Submits a draft for publication: a request under the profile in force, waiting for its first stage. The API's
    /// OPD's publisher or the platform administrator submits; the standing rules must hold.
    /// </summary>
    public async Task<ApprovalRequest?> SubmitAsync(ActorIdentity actor, Guid apiId, CancellationToken ct)
    {
        var api = await apis.FindApiAsync(apiId, ct);
        if (api is null)
            return null;
        await RequireActsForOpdAsync(actor, api, "submit", ct);
        if (api.Status != ApiStatus.Draft)
            throw new RegistryConflictException($"Only a draft is submitted for publication; this API is {api.Status}.");
        var profile = profiles.Current;
        var now = clock.GetUtcNow();
        var request = new ApprovalRequest
        {
            Id = Guid.NewGuid(), ApiId = apiId, Kind = ApprovalRequestKind.Publication, Profile = profile.Name, StageIndex = 0,
            DocumentRevision = api.DocumentRevision, SubmittedById = actor.Id, SubmittedByName = actor.Name, SubmittedAt = now,
        };
        await apis.MoveApiAsync(apiId, ApiStatus.Submitted, (db, _) =>
        {
            db.ApprovalRequests.Add(request);
            db.OnboardingDecisions.Add(NewDecision(request, "submitted", null, actor, null));
        }, ct);
        await AuditAsync(actor, "submitted", "succeeded", apiId, request);
        return request;
    }

    /// <summary>The request waiting for a decision on an API (a publication or a change), or null.</summary>
    public async Task<ApprovalRequest?> FindPendingAsync(Guid apiId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ApprovalRequests.AsNoTracking().SingleOrDefaultAsync(r => r.ApiId == apiId && r.Status == ApprovalRequestStatus.Pending, ct);
    }

    public async Task<ApprovalRequest?> FindRequestAsync(Guid requestId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ApprovalRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, ct);
    }

    /// <summary>Every request about an API, newest first, or those of every API waiting for a decision.</summary>
    public async Task<IReadOnlyList<ApprovalRequest>> ListRequestsAsync(Guid? apiId, bool pendingOnly, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.ApprovalRequests.AsNoTracking().AsQueryable();
        if (apiId is not null)
            query = query.Where(r => r.ApiId == apiId);
        if (pendingOnly)
            query = query.Where(r => r.Status == ApprovalRequestStatus.Pending);
        return (await query.ToListAsync(ct)).OrderByDescending(r => r.SubmittedAt).ToList();
    }

    /// <summary>The decisions on a request, oldest first.</summary>
    public async Task<IReadOnlyList<OnboardingDecision>> ListDecisionsAsync(Guid requestId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await db.OnboardingDecisions.AsNoTracking().Where(d => d.RequestId == requestId).ToListAsync(ct)).OrderBy(d => d.At).ToList();
    }

    public async Task<DecisionLetter?> FindLetterAsync(Guid decisionId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.DecisionLetters.AsNoTracking().SingleOrDefaultAsync(l => l.DecisionId == decisionId, ct);
    }

    /// <summary>
    /// Decides the stage a request waits in. The actor holds the stage's role; is not who submitted the request; has not
    /// decided an earlier stage of it. An external stage needs the authority's letter. The last approval of a publication
    /// approves the API (then <see cref="PublishAsync"/> routes it); the last approval of a change applies it in one
    /// transaction with the decision. A rejection returns a publication to draft, and leaves a live API as it is.
    /// </summary>
    public async Task<ApprovalRequest?> DecideAsync(ActorIdentity actor, Guid requestId, ApprovalDecisionInput input, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var request = await db.ApprovalRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
            return null;
        if (request.Status != ApprovalRequestStatus.Pending)
            throw new RegistryConflictException($"The request is {request.Status}; only a pending request is decided.");
        var profile = profiles.Find(request.Profile);
        var stage = profile.StageAt(request.StageIndex)
            ?? throw new RegistryConflictException("The request waits in no stage of its approval profile; withdraw it and submit it again.");
        var deciders = await db.OnboardingDecisions.AsNoTracking()
            .Where(d => d.RequestId == requestId && (d.Action == "approved" || d.Action == "rejected")).Select(d => d.ActorId).ToListAsync(ct);
        var refusal = !actor.Holds(stage.DecidedBy)
                ? new ApprovalRefusedException("role", $"The stage '{stage.Name}' is decided by {stage.ExpectedActor}; the caller holds none of these roles.")
            : actor.Is(request.SubmittedById)
                ? new ApprovalRefusedException("four-eyes", "The caller submitted this request; another person decides it.")
            : deciders.Any(actor.Is)
                ? new ApprovalRefusedException("four-eyes", "The caller decided an earlier stage of this request; each stage is decided by a different person.")
            : null;
        if (refusal is not null)
        {
            await AuditAsync(actor, "decision-refused", "refused", request.ApiId, request, new() { ["rule"] = refusal.Rule, ["stage"] = stage.Key });
            throw refusal;
        }
        var errors = CheckDecision(stage, input);
        if (errors.Count > 0)
            throw new RegistryValidationException(errors);
        var api = await apis.FindApiAsync(request.ApiId, ct) ?? throw new RegistryConflictException("The API of this request no longer exists.");
        if (request.Kind == ApprovalRequestKind.Publication
            && (api.DocumentRevision != request.DocumentRevision || (input.ReviewedRevision is { } read && read != api.DocumentRevision)))
            throw new RegistryConflictException("The API's OpenAPI document changed since the revision reviewed; read the current revision and decide again.");

        var notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        var decision = NewDecision(request, input.Approve ? "approved" : "rejected", stage.Key, actor, notes);
        var letter = RecordLetter(decision, input.Letter);
        var last = request.StageIndex == profile.Stages.Count - 1;
        var now = clock.GetUtcNow();
        void Record(RegistryDbContext into)
        {
            into.ApprovalRequests.Attach(request);
            if (!input.Approve)
                request.Status = ApprovalRequestStatus.Rejected;
            else if (last)
                request.Status = ApprovalRequestStatus.Approved;
            else
                request.StageIndex++;
            if (request.Status != ApprovalRequestStatus.Pending)
                request.ClosedAt = now;
            into.OnboardingDecisions.Add(decision);
            if (letter is not null)
                into.DecisionLetters.Add(letter);
        }

        db.Entry(request).State = EntityState.Detached;
        if (request.Kind == ApprovalRequestKind.Publication && (!input.Approve || last))
            await apis.MoveApiAsync(request.ApiId, input.Approve ? ApiStatus.Approved : ApiStatus.Draft, (into, _) => Record(into), ct);
        else if (request.Kind == ApprovalRequestKind.Change && input.Approve && last)
            await ApplyChangeAsync(request, into =>
            {
                Record(into);
                into.OnboardingDecisions.Add(NewDecision(request, "change-applied", null, actor, null));
            }, ct);
        else
        {
            Record(db);
            await writer.SaveAsync(db, ct); // no new configuration version: nothing the data plane reads changed
        }
        await AuditAsync(actor, decision.Action, "succeeded", request.ApiId, request, new()
        {
            ["stage"] = stage.Key, ["letterNumber"] = decision.LetterNumber, ["letterDate"] = decision.LetterDate?.ToString("yyyy-MM-dd"),
            ["letterIssuer"] = decision.LetterIssuer, ["letterSha256"] = decision.LetterSha256, ["requestStatus"] = request.Status.ToString(),
        });
        LogDecided(request.Id, stage.Key, decision.Action, actor.Id);
        return request;
    }

    /// <summary>Routes an API whose publication every stage approved. Its OPD's publisher, a reviewer or the platform administrator publishes.</summary>
    public async Task<Api?> PublishAsync(ActorIdentity actor, Guid apiId, CancellationToken ct)
    {
        var api = await apis.FindApiAsync(apiId, ct);
        if (api is null)
            return null;
        if (api.Status != ApiStatus.Approved)
            throw await MissingDecisionAsync(api, ct);
        if (!actor.Holds([PortalRole.OperationalReviewer, PortalRole.SecurityReviewer]))
            await RequireActsForOpdAsync(actor, api, "publish", ct);
        var published = await apis.MoveApiAsync(apiId, ApiStatus.Published,
            (db, _) => db.OnboardingDecisions.Add(NewDecision(null, apiId, "published", null, actor, null)), ct);
        await AuditAsync(actor, "published", "succeeded", apiId, null);
        return published;
    }

    /// <summary>
    /// The admin API's lifecycle door (<c>POST /apis/{id}/status</c>) mapped onto the workflow: Submitted submits, Published
    /// publishes once approved (or resumes a suspended API, or takes a deprecated one back), Draft withdraws a pending
    /// publication, Suspended and Retired are emergency acts needing <paramref name="reason"/>, Deprecated is the
    /// publisher's. Approved is never reached this way: it is the last stage's decision.
    /// </summary>
    public async Task<Api?> MoveAsync(ActorIdentity actor, Guid apiId, ApiStatus target, string? reason, CancellationToken ct)
    {
        var api = await apis.FindApiAsync(apiId, ct);
        if (api is null)
            return null;
        switch (target)
        {
            case ApiStatus.Submitted:
                await SubmitAsync(actor, apiId, ct);
                break;
            case ApiStatus.Approved:
                throw await MissingDecisionAsync(api, ct);
            case ApiStatus.Published when api.Status == ApiStatus.Suspended:
                return await ResumeAsync(actor, apiId, reason, ct);
            case ApiStatus.Published when api.Status == ApiStatus.Deprecated:
            case ApiStatus.Deprecated:
                await RequireActsForOpdAsync(actor, api, target == ApiStatus.Deprecated ? "deprecate" : "undeprecate", ct);
                await apis.MoveApiAsync(apiId, target, (db, _) => db.OnboardingDecisions.Add(NewDecision(null, apiId, target.ToString().ToLowerInvariant(), null, actor, null)), ct);
                await AuditAsync(actor, target.ToString().ToLowerInvariant(), "succeeded", apiId, null);
                break;
            case ApiStatus.Published:
                return await PublishAsync(actor, apiId, ct);
            case ApiStatus.Draft:
                await WithdrawAsync(actor, apiId, ct);
                break;
            case ApiStatus.Suspended:
                await SuspendApiAsync(actor, apiId, reason, ct);
                break;
            case ApiStatus.Retired:
                await RetireApiAsync(actor, apiId, reason, ct);
                break;
        }
        return await apis.FindApiAsync(apiId, ct);
    }

    /// <summary>Takes back the request pending on an API (its submitter, the OPD's publisher or the platform administrator); a publication returns to draft.</summary>
    public async Task<ApprovalRequest?> WithdrawAsync(ActorIdentity actor, Guid apiId, CancellationToken ct)
    {
        var api = await apis.FindApiAsync(apiId, ct);
        if (api is null)
            return null;
        var request = await FindPendingAsync(apiId, ct)
            ?? throw new RegistryConflictException($"No request is pending on this API (it is {api.Status}); nothing to withdraw.");
        if (!actor.Is(request.SubmittedById))
            await RequireActsForOpdAsync(actor, api, "withdraw", ct);
        var now = clock.GetUtcNow();
        void Record(RegistryDbContext db)
        {
            db.ApprovalRequests.Attach(request);
            request.Status = ApprovalRequestStatus.Withdrawn;
            request.ClosedAt = now;
            db.OnboardingDecisions.Add(NewDecision(request, "withdrawn", null, actor, null));
        }
        if (request.Kind == ApprovalRequestKind.Publication)
            await apis.MoveApiAsync(apiId, ApiStatus.Draft, (db, _) => Record(db), ct);
        else
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            Record(db);
            await writer.SaveAsync(db, ct);
        }
        await AuditAsync(actor, "withdrawn", "succeeded", apiId, request);
        return request;
    }

    /// <summary>The problem naming the decisions an API still lacks before it may be published, and who makes them.</summary>
    private async Task<ApprovalRequiredException> MissingDecisionAsync(Api api, CancellationToken ct)
    {
        var pending = await FindPendingAsync(api.Id, ct);
        var profile = pending is null ? profiles.Current : profiles.Find(pending.Profile);
        var from = pending is { Kind: ApprovalRequestKind.Publication } ? pending.StageIndex : 0;
        var missing = profile.Stages.Skip(from).ToList();
        if (missing.Count == 0 || api.Status is not (ApiStatus.Draft or ApiStatus.Submitted))
            return new ApprovalRequiredException("The API cannot be published from its state",
                $"An API in state {api.Status} is not published this way.", null);
        var list = string.Join("; then ", missing.Select(s => $"'{s.Name}' by {s.ExpectedActor}"));
        var detail = api.Status == ApiStatus.Draft
            ? $"The API is a draft: submit it (status Submitted), then it needs the decisions of the approval profile '{profile.Name}': {list}."
            : $"The API needs the decisions of the approval profile '{profile.Name}': {list}.";
        return new ApprovalRequiredException("Publication needs the approval profile's decisions", detail, missing[0].Key);
    }

    private static Dictionary<string, string[]> CheckDecision(ApprovalStage stage, ApprovalDecisionInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (!input.Approve && string.IsNullOrWhiteSpace(input.Notes))
            errors["notes"] = ["is required to reject: say what must change"];
        if (input.Notes is { Length: > 4000 })
            errors["notes"] = ["is longer than 4000 characters"];
        if (!stage.IsExternal)
        {
            if (input.Letter is not null)
                errors["letter"] = [$"is recorded only for a decision of an external authority; '{stage.Name}' is decided here"];
            return errors;
        }
        if (input.Letter is not { } letter)
        {
            errors["letter"] = [$"is required: '{stage.Name}' is decided by {stage.ExternalAuthority}; record its letter (number, date, issuer, the signed document)"];
            return errors;
        }
        if (string.IsNullOrWhiteSpace(letter.Number) || letter.Number.Length > 100)
            errors["letter.number"] = ["is required (at most 100 characters), as written on the letter"];
        if (letter.Date is null)
            errors["letter.date"] = ["is required (yyyy-mm-dd), as written on the letter"];
        if (string.IsNullOrWhiteSpace(letter.Issuer) || letter.Issuer.Length > 200)
            errors["letter.issuer"] = ["is required (at most 200 characters): the office that signed it"];
        if (letter.Content is not { Length: > 0 } || string.IsNullOrWhiteSpace(letter.FileName))
            errors["letter.document"] = ["is required: upload the signed letter"];
        else if (letter.Content.Length > ExternalDecisionLetter.MaximumBytes)
            errors["letter.document"] = [$"is larger than {ExternalDecisionLetter.MaximumBytes / (1024 * 1024)} MiB"];
        return errors;
    }

    /// <summary>Puts the letter's facts on the decision and returns the stored document, or null for a local decision.</summary>
    private static DecisionLetter? RecordLetter(OnboardingDecision decision, ExternalDecisionLetter? letter)
    {
        if (letter?.Content is null)
            return null;
        decision.LetterNumber = letter.Number!.Trim();
        decision.LetterDate = letter.Date;
        decision.LetterIssuer = letter.Issuer!.Trim();
        decision.LetterSha256 = Convert.ToHexStringLower(SHA256.HashData(letter.Content));
        var name = Path.GetFileName(letter.FileName!.Trim());
        return new DecisionLetter
        {
            DecisionId = decision.Id,
            FileName = name.Length > 200 ? name[^200..] : name,
            ContentType = string.IsNullOrWhiteSpace(letter.ContentType) ? "application/octet-stream" : letter.ContentType.Trim(),
            Content = letter.Content,
        };
    }

    /// <summary>
    /// Refuses an actor who neither works for the API's OPD as its publisher nor is the platform administrator (who
    /// administers every OPD's registrations, as through the admin API).
    /// </summary>
    private async Task RequireActsForOpdAsync(ActorIdentity actor, Api api, string act, CancellationToken ct)
    {
        var opd = api.Opd?.Code;
        if (actor.Roles.Contains(PortalRole.PlatformAdministrator) || (actor.Roles.Contains(PortalRole.ApiPublisher) && actor.OpdCode == opd))
            return;
        await AuditAsync(actor, act + "-refused", "refused", api.Id, null, new() { ["rule"] = "opd" });
        throw new ApprovalRefusedException("opd", $"Only the publisher of OPD '{opd}' or the platform administrator may {act} this API.");
    }

    private OnboardingDecision NewDecision(ApprovalRequest request, string action, string? stage, ActorIdentity actor, string? notes) =>
        NewDecision(request.Id, request.ApiId, action, stage, actor, notes);

    private OnboardingDecision NewDecision(Guid? requestId, Guid apiId, string action, string? stage, ActorIdentity actor, string? notes) => new()
    {
        Id = Guid.NewGuid(), ApiId = apiId, RequestId = requestId, Action = action, Stage = stage,
        Actor = actor.Name, ActorId = actor.Id, Notes = notes, At = clock.GetUtcNow(),
    };

    private async Task AuditAsync(ActorIdentity actor, string action, string outcome, Guid apiId, ApprovalRequest? request, Dictionary<string, string?>? details = null) =>
        await AuditAsync(actor, action, outcome, $"api:{apiId}", details is null && request is null ? null : new Dictionary<string, string?>(details ?? new Dictionary<string, string?>())
        {
            ["requestId"] = request?.Id.ToString(), ["requestKind"] = request?.Kind.ToString(), ["profile"] = request?.Profile,
        });

    private async Task AuditAsync(ActorIdentity actor, string action, string outcome, string target, Dictionary<string, string?>? details)
    {
        if (_audit is null)
            return;
        // The record's actor is the identifier every administrative record uses (person:..., client:...), the same one
        // the admin API's own record of the call carries; the display name goes beside it.
        var all = new Dictionary<string, string?>(details ?? new Dictionary<string, string?>()) { ["actorName"] = actor.Name };
        try
        {
            await _audit.AppendAsync(new AuditEvent("approval", action, outcome, Actor: actor.Id, Target: target, Details: all));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The decision is already stored with its actor in the registry (onboarding_decisions, emergency_acts); an
            // audit log not yet running (the demo seeds before it starts) or failing is the operator's to fix, and must not
            // make a stored decision look refused.
            LogAuditFailed(ex, action, target);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The approval decision {Action} on {Target} is stored in the registry but could not be appended to the audit log; check the audit log's health (GET /health/ready)")]
    private partial void LogAuditFailed(Exception ex, string action, string target);

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval request {RequestId}: stage {Stage} {Action} by {ActorId}")]
    private partial void LogDecided(Guid requestId, string stage, string action, string actorId);
}
