using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Messages;
using SpbeConnector.Registry.OpenApi;
using SpbeConnector.Portal.Components.Plans;
using SpbeConnector.Portal.Security;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Portal.Onboarding;

/// <summary>
/// The onboarding of an API through the portal: a publisher registers and submits it; the conformance check runs at
/// submission (errors block it); reviewers decide the stages of the approval profile in force (GOV-01) through the
/// registry's <see cref="ApprovalWorkflow"/>, the one the admin API uses (four eyes included); the last approval
/// publishes it. Every change of the API itself goes through <see cref="ApiCatalog"/>. Refusals are thrown as
/// <see cref="RegistryConflictException"/> or <see cref="RegistryValidationException"/> holding portal text keys.
/// </summary>
public sealed class OnboardingWorkflow(
    IDbContextFactory<RegistryDbContext> contexts,
    ApiCatalog apis,
    PlanCatalog planCatalog,
    ApprovalWorkflow approvals,
    ConformanceChecker conformance,
    TimeProvider clock)
{
    public const string MissingDocumentRule = "OpenApiDocument";

    /// <summary>The registration profile's fields, as the registry names them when one is missing at submission.</summary>
    public static readonly IReadOnlySet<string> ProfileFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "ownerContact", "pseRegistrationNumber", "slaTargetPercent", "plans", "tags",
    };

    public async Task<Api> RegisterAsync(PortalPrincipal publisher, ApiRegistration input, CancellationToken ct)
    {
        if (publisher.Role != PortalRole.ApiPublisher || publisher.OpdCode != input.OpdCode)
            throw new RegistryConflictException("onboarding.notYourOpd");
        var errors = new RegistryProblems();
        var profile = await ReadProfileAsync(new ProfileDetails(input.OwnerContact, input.PseRegistrationNumber, input.SlaTargetPercent ?? "", input.Plans, input.Tags), errors, ct);
        var apiInput = new ApiInput(input.OpdCode, input.Name.Trim(), input.Slug.Trim(), input.Version.Trim(), input.Description,
            [input.UpstreamUrl.Trim()], input.AllowInsecureUpstream, input.OpenApiDocument, input.Classification);
        if (errors.Count > 0)
        {
            // The catalog's own field rules too, so that the publisher sees every problem at once.
            errors.Add(RegistryRules.Check(apiInput));
            if (input.OpenApiDocument is not null && OpenApiDocumentReader.Read(input.OpenApiDocument) is { IsValid: false } read)
                errors.Add(read.Findings.Take(OpenApiStructureRules.MaxProblems));
            throw new RegistryValidationException(errors);
        }
        var api = await apis.CreateApiAsync(apiInput, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        db.ApiProfiles.Add(new ApiProfile
        {
            ApiId = api.Id,
            OwnerContact = profile!.OwnerContact!,
            PseRegistrationNumber = profile.PseRegistrationNumber!,
            SlaTargetPercent = profile.SlaTargetPercent!.Value,
            Plans = profile.Plans!.ToList(),
            Tags = profile.Tags!.ToList(),
            Stage = OnboardingStage.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        });
        db.OnboardingDecisions.Add(NewDecision(api.Id, "registered", publisher));
        await db.SaveChangesAsync(ct);
        return api;
    }

    /// <summary>
    /// The registration profile the publisher gave, checked with the portal's own texts (the registry checks it again),
    /// or null with the problems added to <paramref name="errors"/>.
    /// </summary>
    private async Task<ApiProfileUpdate?> ReadProfileAsync(ProfileDetails details, RegistryProblems errors, CancellationToken ct)
    {
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(details.OwnerContact))
            errors.Add("ownerContact", "onboarding.required");
        if (string.IsNullOrWhiteSpace(details.PseRegistrationNumber))
            errors.Add("pseRegistrationNumber", "onboarding.required");
        // Indonesian writes decimals with a comma (99,5); both forms are accepted. The registry's rule sets the range
        // (at least 95%, Pasal 60 ayat (3) huruf m).
        if (!decimal.TryParse(details.SlaTargetPercent?.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var sla)
            || RegistryRules.CheckSlaTarget(sla) is not null)
            errors.Add("slaTargetPercent", "onboarding.slaInvalid");
        var plans = await OfferedPlansAsync(details.Plans, ct);
        if (details.Plans.Count == 0)
            errors.Add("plans", "onboarding.plansRequired");
        else if (plans is null)
            errors.Add("plans", "onboarding.planUnknown");
        return errors.Count > before ? null
            : new ApiProfileUpdate(details.OwnerContact.Trim(), details.PseRegistrationNumber.Trim(), sla, plans, details.Tags.Select(t => t.Trim()).ToList());
    }

    private static bool SameProfile(ApiProfile current, ApiProfileUpdate proposed) =>
        current.OwnerContact == proposed.OwnerContact && current.PseRegistrationNumber == proposed.PseRegistrationNumber
        && current.SlaTargetPercent == proposed.SlaTargetPercent && current.Plans.SequenceEqual(proposed.Plans ?? [])
        && current.Tags.SequenceEqual(proposed.Tags ?? []);

    /// <summary>
    /// The registry's plans the publisher chose (by name, from the choices <c>Components/Plans/PlanChoices</c> offers),
    /// in the order of the registry's list; null when one names no plan open to subscribers (a plan an administrator
    /// removed meanwhile, or a forged post). An API offers only plans the gateway enforces: the plan chosen in a
    /// subscription request becomes the subscription's plan.
    /// </summary>
    private async Task<IReadOnlyList<string>?> OfferedPlansAsync(IReadOnlyList<string> chosen, CancellationToken ct)
    {
        var open = (await OfferablePlans.ListAsync(planCatalog, ct)).Select(p => p.Name).ToList();
        if (chosen.Any(name => !open.Contains(name, StringComparer.Ordinal)))
            return null;
        return open.Where(name => chosen.Contains(name, StringComparer.Ordinal)).ToList();
    }

    /// <summary>The APIs a user may see in onboarding: a publisher their OPD's, reviewers and administrators all.</summary>
    public async Task<IReadOnlyList<(Api Api, ApiProfile Profile)>> ListAsync(PortalPrincipal user, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.ApiProfiles.AsNoTracking().Include(p => p.Api).ThenInclude(a => a!.Opd).AsQueryable();
        if (user.Role == PortalRole.ApiPublisher)
            query = query.Where(p => p.Api!.Opd!.Code == user.OpdCode);
        else if (!user.Is(PortalRole.PlatformAdministrator, PortalRole.OperationalReviewer, PortalRole.SecurityReviewer))
            return [];
        var list = await query.ToListAsync(ct);
        return list.OrderByDescending(p => p.UpdatedAt).Select(p => (p.Api!, p)).ToList();
    }

    /// <summary>One API's onboarding, or null when it does not exist or the user may not see it (another OPD's).</summary>
    public async Task<OnboardingRecord?> FindAsync(PortalPrincipal user, Guid apiId, CancellationToken ct)
    {
        var all = await ListAsync(user, ct);
        var match = all.FirstOrDefault(x => x.Api.Id == apiId);
        if (match.Api is null)
        {
            // An API registered through the admin API has no onboarding profile; reviewers and the administrator still
            // review it (its change requests, its standing), shown without the portal's onboarding details.
            if (!user.Is(PortalRole.PlatformAdministrator, PortalRole.OperationalReviewer, PortalRole.SecurityReviewer)
                || await apis.FindApiAsync(apiId, ct) is not { } unregistered)
                return null;
            match = (unregistered, new ApiProfile { ApiId = apiId, Stage = unregistered.Status == ApiStatus.Published ? OnboardingStage.Published : OnboardingStage.Draft });
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var decisions = await db.OnboardingDecisions.AsNoTracking().Where(d => d.ApiId == apiId).ToListAsync(ct);
        var pending = await approvals.FindPendingAsync(apiId, ct);
        return new OnboardingRecord(match.Api, match.Profile, ReadFindings(match.Profile.ConformanceFindings), decisions.OrderBy(d => d.At).ToList(),
            pending, pending is null ? null : approvals.ProfileOf(pending));
    }

    /// <summary>
    /// A revision of the API's document (the current one unless <paramref name="revision"/> names another) for a user who
    /// may see the API's onboarding: its publisher's OPD, reviewers, administrators. Null when there is none or the
    /// user may not see it. Reviewers read what they sign off before publication, never through the public catalog.
    /// </summary>
    public async Task<ApiDocumentRevision?> FindDocumentAsync(PortalPrincipal user, Guid apiId, int? revision, CancellationToken ct)
    {
        var record = await FindAsync(user, apiId, ct);
        if (record is null || record.Api.DocumentRevision == 0)
            return null;
        return await apis.FindDocumentRevisionAsync(apiId, revision ?? record.Api.DocumentRevision, ct);
    }

    /// <summary>
    /// The revision a reviewer last approved, when it is not the one now under review (for the diff on the review
    /// page); null otherwise. A decision does not store the revision: the one approved is the newest revision created
    /// before the decision, the portal replaces the document of drafts only, never of an API in review.
    /// </summary>
    public async Task<ApiDocumentRevision?> FindApprovedRevisionAsync(OnboardingRecord record, CancellationToken ct)
    {
        var approval = record.Decisions.LastOrDefault(d => d.Action == "approved");
        if (approval is null)
            return null;
        var revisions = await apis.ListDocumentRevisionsAsync(record.Api.Id, ct) ?? [];
        var approved = revisions.Where(r => r.CreatedAt <= approval.At).MaxBy(r => r.Revision);
        return approved is null || approved.Revision == record.Api.DocumentRevision ? null : approved;
    }

    /// <summary>Replaces the OpenAPI document of a draft (for example after a rejection or a blocked submission).</summary>
    public async Task ReplaceDocumentAsync(PortalPrincipal publisher, Guid apiId, string document, CancellationToken ct)
    {
        var record = await FindOwnAsync(publisher, apiId, ct);
        if (record.Profile.Stage != OnboardingStage.Draft)
            throw new RegistryConflictException("onboarding.notDraft");
        var api = record.Api;
        await apis.UpdateApiAsync(api.Id, new ApiUpdate(api.Name, api.Description, api.UpstreamUrls, api.AllowInsecureUpstream, document,
            api.Classification, api.IsPublic, api.ForwardAccessToken, api.Scopes, api.RequiredScopes), ct);
        await RecordAsync(apiId, "document-replaced", publisher, null, ct);
    }

    /// <summary>
    /// A publisher's change of an API's settings and registration profile through the registry's
    /// <see cref="ApprovalWorkflow"/>: a draft changes at once; a live API gets a change request and keeps serving on its
    /// approved settings (and profile) until every stage approves it (issue 18). The profile is proposed only where it
    /// differs from the one recorded. A live API's change that changes nothing is refused.
    /// </summary>
    public async Task<ChangeOutcome> ChangeAsync(PortalPrincipal publisher, Guid apiId, ProposedChange change, ProfileDetails? details, CancellationToken ct)
    {
        var record = await FindOwnAsync(publisher, apiId, ct);
        var draft = record.Api.Status == ApiStatus.Draft;
        if (!draft && !ApiLifecycle.IsLive(record.Api.Status))
            throw new RegistryConflictException("approvals.notChangeable");
        var errors = new RegistryProblems();
        var profile = details is null ? null : await ReadProfileAsync(details, errors, ct);
        if (profile is not null && record.HasOnboardingProfile && SameProfile(record.Profile, profile))
            profile = null;
        change = change with { Profile = profile };
        var empty = change.Api is null && change.Validation is null && change.Cors is null && change.Profile is null;
        if (errors.Count == 0 && empty && !draft)
            errors.Add("change", "approvals.nothingChanged");
        if (errors.Count > 0)
            throw new RegistryValidationException(errors);
        ChangeOutcome outcome;
        try
        {
            outcome = empty ? new ChangeOutcome(record.Api, null) : (await approvals.ProposeChangeAsync(publisher.ToActor(), apiId, change, ct))!;
        }
        catch (ApprovalRefusedException)
        {
            throw new RegistryConflictException("onboarding.notYourOpd");
        }
        if (draft && change.Profile is not null)
            await RecordAsync(apiId, "details-changed", publisher, null, ct);
        return outcome;
    }

    /// <summary>
    /// Submits a draft for review after the conformance check. Returns the findings; when any is an error nothing
    /// moves and the publisher sees what to fix (Kota Bekasi Pasal 22 ayat (3) huruf b).
    /// </summary>
    public async Task<(bool Submitted, IReadOnlyList<ConformanceFinding> Findings)> SubmitAsync(PortalPrincipal publisher, Guid apiId, CancellationToken ct)
    {
        var record = await FindOwnAsync(publisher, apiId, ct);
        if (record.Profile.Stage != OnboardingStage.Draft)
            throw new RegistryConflictException("onboarding.notDraft");
        var api = record.Api;
        var json = api.OpenApiDocument is null ? null : OpenApiDocumentReader.Read(api.OpenApiDocument).Json;
        var findings = conformance.Check(api.Version, api.UpstreamUrls, api.IsPublic, json).ToList();
        if (json is null)
            findings.Insert(0, new ConformanceFinding(MissingDocumentRule, ConformanceSeverity.Error, "openApiDocument"));
        var blocked = findings.Any(f => f.Severity == ConformanceSeverity.Error);
        if (blocked)
            await RecordAsync(apiId, "submission-blocked", publisher, null, ct, JsonSerializer.Serialize(findings));
        else
        {
            try
            {
                await approvals.SubmitAsync(publisher.ToActor(), api.Id, ct);
            }
            catch (RegistryValidationException ex)
            {
                // The registry refuses a submission without the registration profile (a draft stored before it was
                // required): each missing field is named, and the API page links to it on the change form.
                throw new RegistryValidationException(new RegistryProblems(ex.Problems
                    .Select(p => ProfileFields.Contains(p.Field) ? RegistryProblem.OfKey(p.Field, "onboarding.profileRequired") : p)
                    .DistinctBy(p => (p.Field, p.MessageId))));
            }
            await SetStageAsync(apiId, StageOf(approvals.CurrentProfile.Stages[0]), ct, JsonSerializer.Serialize(findings));
        }
        return (!blocked, findings);
    }

    /// <summary>
    /// A reviewer's decision on the stage the API's pending request waits in (a publication or a change request), through
    /// the registry's <see cref="ApprovalWorkflow"/>: its role, four eyes and letter rules apply. Rejection needs notes;
    /// the last approval of a publication publishes the API. <paramref name="reviewedRevision"/> is the document revision
    /// the reviewer was shown: a decision on a document that changed since is refused, so that what is approved is what
    /// was read. An external stage records the authority's <paramref name="letter"/>.
    /// </summary>
    public async Task<OnboardingStage> DecideAsync(PortalPrincipal reviewer, Guid apiId, bool approve, string? notes, CancellationToken ct,
        int? reviewedRevision = null, ExternalDecisionLetter? letter = null)
    {
        var record = await FindAsync(reviewer, apiId, ct) ?? throw new RegistryConflictException("onboarding.notFound");
        if (reviewedRevision is not null && reviewedRevision != record.Api.DocumentRevision)
            throw new RegistryConflictException("review.documentChanged");
        var stage = record.WaitingStage ?? throw new RegistryConflictException("onboarding.notAwaitingReview");
        if (!stage.DecidedBy.Contains(reviewer.Role))
            throw new RegistryConflictException("onboarding.notYourStage");
        if (!approve && string.IsNullOrWhiteSpace(notes))
            throw new RegistryValidationException(new Dictionary<string, string[]> { ["notes"] = ["onboarding.notesRequired"] });
        ApprovalRequest decided;
        try
        {
            decided = (await approvals.DecideAsync(reviewer.ToActor(), record.Pending!.Id, new ApprovalDecisionInput(approve, notes, reviewedRevision, letter), ct))!;
        }
        catch (ApprovalRefusedException ex)
        {
            throw new RegistryConflictException(ex.Rule == "four-eyes" ? "review.fourEyes" : "onboarding.notYourStage");
        }
        if (decided.Kind == ApprovalRequestKind.Change)
            return record.Profile.Stage;
        var next = decided.Status switch
        {
            ApprovalRequestStatus.Rejected => OnboardingStage.Draft,
            ApprovalRequestStatus.Approved => OnboardingStage.Published,
            _ => StageOf(approvals.ProfileOf(decided).Stages[decided.StageIndex]),
        };
        if (next == OnboardingStage.Published)
            await approvals.PublishAsync(reviewer.ToActor(), apiId, ct);
        await SetStageAsync(apiId, next, ct);
        return next;
    }

    /// <summary>How the portal's lists group a stage of any profile (its name and who acts come from the profile itself).</summary>
    private static OnboardingStage StageOf(ApprovalStage stage) => stage.Kind switch
    {
        ApprovalStageKind.Combined => OnboardingStage.AwaitingCombinedReview,
        ApprovalStageKind.Operational => OnboardingStage.AwaitingOperationalReview,
        _ => OnboardingStage.AwaitingSecurityReview,
    };

    private async Task<OnboardingRecord> FindOwnAsync(PortalPrincipal publisher, Guid apiId, CancellationToken ct)
    {
        if (publisher.Role != PortalRole.ApiPublisher)
            throw new RegistryConflictException("onboarding.notYourOpd");
        return await FindAsync(publisher, apiId, ct) ?? throw new RegistryConflictException("onboarding.notFound");
    }

    /// <summary>A step of the publisher's own (registration, a blocked submission, a replaced document): not a decision of the workflow.</summary>
    private async Task RecordAsync(Guid apiId, string action, PortalPrincipal actor, string? notes, CancellationToken ct, string? findings = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.OnboardingDecisions.Add(NewDecision(apiId, action, actor));
        var profile = await db.ApiProfiles.SingleAsync(p => p.ApiId == apiId, ct);
        if (findings is not null)
            profile.ConformanceFindings = findings;
        profile.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    private async Task SetStageAsync(Guid apiId, OnboardingStage stage, CancellationToken ct, string? findings = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // An API registered through the admin API has no onboarding profile to keep in step.
        if (await db.ApiProfiles.SingleOrDefaultAsync(p => p.ApiId == apiId, ct) is not { } profile)
            return;
        profile.Stage = stage;
        if (findings is not null)
            profile.ConformanceFindings = findings;
        profile.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    private OnboardingDecision NewDecision(Guid apiId, string action, PortalPrincipal actor) => new()
    {
        Id = Guid.NewGuid(), ApiId = apiId, Action = action, Actor = actor.Username, ActorId = actor.ToActor().Id, At = clock.GetUtcNow(),
    };

    private static IReadOnlyList<ConformanceFinding> ReadFindings(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<ConformanceFinding>>(json) ?? [];
}
