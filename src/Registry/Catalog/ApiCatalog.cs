using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.OAuth;
using SpbeConnector.Registry.OpenApi;
using SpbeConnector.Registry.Storage;
using static SpbeConnector.Registry.Catalog.CatalogChecks;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// APIs: registration, the one place their settings change (<see cref="ChangeAsync"/>), their lifecycle moves and the
/// revisions of their OpenAPI documents. A write bumps the routes only when it changes what the data plane routes.
/// </summary>
public sealed partial class ApiCatalog(
    IDbContextFactory<RegistryDbContext> contexts,
    RegistryWriter writer,
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection,
    IEnumerable<IApiPolicyCheck> policyChecks,
    TimeProvider clock,
    ILogger<ApiCatalog> logger)
{
    public async Task<IReadOnlyList<Api>> ListApisAsync(string? opdCode, ApiStatus? status, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Apis.AsNoTracking().Include(a => a.Opd).AsQueryable();
        if (!string.IsNullOrEmpty(opdCode))
            query = query.Where(a => a.Opd!.Code == opdCode);
        if (status is not null)
            query = query.Where(a => a.Status == status);
        var apis = await query.ToListAsync(ct);
        return apis.OrderBy(a => a.Opd!.Code).ThenBy(a => a.Slug).ThenBy(a => a.Version).ToList();
    }

    /// <summary>
    /// One page of the APIs, in the order of <see cref="ListApisAsync"/>, and how many match: counted and paged in the
    /// database, so that the admin API's list costs one page however many APIs a province registers.
    /// </summary>
    public async Task<(IReadOnlyList<Api> Apis, int Total)> ListApisPageAsync(string? opdCode, ApiStatus? status, int offset, int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Apis.AsNoTracking().Include(a => a.Opd).AsQueryable();
        if (!string.IsNullOrEmpty(opdCode))
            query = query.Where(a => a.Opd!.Code == opdCode);
        if (status is not null)
            query = query.Where(a => a.Status == status);
        var total = await query.CountAsync(ct);
        var apis = await query.OrderBy(a => a.Opd!.Code).ThenBy(a => a.Slug).ThenBy(a => a.Version).Skip(offset).Take(limit).ToListAsync(ct);
        return (apis, total);
    }

    public async Task<Api?> FindApiAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Apis.AsNoTracking().Include(a => a.Opd).SingleOrDefaultAsync(a => a.Id == id, ct);
    }

    public async Task<Api> CreateApiAsync(ApiInput input, CancellationToken ct)
    {
        var errors = RegistryRules.Check(input);
        var document = ReadDocument(input.OpenApiDocument, errors);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var opd = await db.Opds.SingleOrDefaultAsync(o => o.Code == input.OpdCode, ct);
        if (opd is null)
            errors.Add("opdCode", RegistryMessages.OpdUnknown);
        Merge(errors, RegistryRules.CheckStanding(input.Classification, input.IsPublic, document is not null, null, ApiStatus.Draft, clock.GetUtcNow()));
        ThrowIfInvalid(errors);
        if (await db.Apis.AnyAsync(a => a.OpdId == opd!.Id && a.Slug == input.Slug && a.Version == input.Version, ct))
            throw new RegistryConflictException(RegistryMessages.ApiTaken, ("opd", input.OpdCode), ("slug", input.Slug), ("version", input.Version));
        var now = clock.GetUtcNow();
        var api = new Api
        {
            Id = Guid.NewGuid(),
            OpdId = opd!.Id,
            Name = input.Name.Trim(),
            Slug = input.Slug,
            Version = input.Version,
            Description = input.Description,
            UpstreamUrls = input.UpstreamUrls.ToList(),
            AllowInsecureUpstream = input.AllowInsecureUpstream,
            Classification = input.Classification,
            IsPublic = input.IsPublic,
            ForwardAccessToken = input.ForwardAccessToken,
            Scopes = OfferedScopes(input.Scopes, document),
            RequiredScopes = (input.RequiredScopes ?? []).ToList(),
            Validation = new ApiValidationSettings(),
            Status = ApiStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        };
        SetUpstreamOAuth(api, input.UpstreamOAuth);
        SetUpstreamBehaviour(api, input.UpstreamTimeout, input.HealthCheck);
        db.Apis.Add(api);
        if (document is not null)
            AddDocumentRevision(db, api, input.OpenApiDocument!, document, now);
        // A new API is a Draft: not routed, and no subscription can name it yet.
        await writer.SaveAndSignalAsync(db, RegistryChange.None, ct);
        api.Opd = opd;
        LogApiCreated(opd.Code, api.Slug, api.Version, api.Id);
        return api;
    }

    /// <summary>
    /// Changes an API that is neither live nor in review (a draft). A live API's settings change only through an approved
    /// change request (<see cref="Approvals.ApprovalWorkflow"/>), and an API in review keeps what its reviewers read, so
    /// both are refused here, whoever calls.
    /// </summary>
    public Task<Api?> UpdateApiAsync(Guid id, ApiUpdate input, CancellationToken ct) => ChangeAsync(id, new ProposedChange(Api: input), ChangeMode.DraftOnly, null, null, ct);

    /// <summary>Replaces how the gateway checks the input, cookies and files of a draft API (see <see cref="UpdateApiAsync"/>).</summary>
    public Task<Api?> UpdateValidationAsync(Guid id, ApiValidationSettings settings, CancellationToken ct) =>
        ChangeAsync(id, new ProposedChange(Validation: settings), ChangeMode.DraftOnly, null, null, ct);

    /// <summary>Replaces which browser origins may call a draft API across origins (see <see cref="UpdateApiAsync"/>).</summary>
    public Task<Api?> UpdateCorsAsync(Guid id, ApiCorsSettings settings, CancellationToken ct) =>
        ChangeAsync(id, new ProposedChange(Cors: settings), ChangeMode.DraftOnly, null, null, ct);

    /// <summary>
    /// The one place an API's settings change. <see cref="ChangeMode.DraftOnly"/> applies a change to an API neither live
    /// nor in review; <see cref="ChangeMode.CheckOnly"/> runs every rule on the API as it would be after the change and
    /// stores nothing (a change request is checked when it is made); <see cref="ChangeMode.ApplyApproved"/> applies an
    /// approved change request to a live API, recording the approval (<paramref name="alsoRecord"/>) in the same
    /// transaction. <paramref name="protectedUpstreamSecret"/> is a new upstream secret already encrypted (held by a
    /// change request). Null when the API does not exist.
    /// </summary>
    internal async Task<Api?> ChangeAsync(Guid id, ProposedChange change, ChangeMode mode, string? protectedUpstreamSecret,
        Action<RegistryDbContext>? alsoRecord, CancellationToken ct)
    {
        var errors = new RegistryProblems();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var api = await db.Apis.Include(a => a.Opd).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (api is null)
            return null;
        if (api.Status == ApiStatus.Retired)
            throw new RegistryConflictException(RegistryMessages.ApiRetiredUnchangeable);
        if (mode == ChangeMode.DraftOnly && ApiLifecycle.IsLive(api.Status))
            throw new Approvals.ApprovalRequiredException("A change to a live API takes effect only once approved",
                "The API keeps serving on its approved settings: submit the change as a change request; it is applied when the last stage of the approval profile approves it.", null);
        if (mode == ChangeMode.DraftOnly && ApiLifecycle.IsInReview(api.Status))
            throw new RegistryConflictException(RegistryMessages.ApiInReview);
        var now = clock.GetUtcNow();
        var before = RoutedApiView.Of(api, api.Opd!);
        if (change.Api is { } input)
            ApplyUpdate(db, api, input, protectedUpstreamSecret, errors, now);
        if (change.Validation is { } validation)
        {
            Merge(errors, RegistryRules.Check(validation));
            foreach (var check in policyChecks)
            {
                foreach (var (setting, problem) in check.CheckSettings(validation))
                    errors.Add(setting, problem);
            }
            api.Validation = validation;
        }
        if (change.Cors is { } cors)
        {
            Merge(errors, RegistryRules.Check(cors));
            api.Cors = cors;
        }
        if (change.Profile is { } profile)
            await ApplyProfileAsync(db, api, profile, errors, now, ct);
        // The API as it would be after the change meets the standing rules, or the change is refused: an API stored
        // before them that breaks one accepts only the change that fixes it.
        if (errors.Count == 0)
            Merge(errors, RegistryRules.CheckStanding(api, now));
        ThrowIfInvalid(errors);
        if (mode == ChangeMode.CheckOnly)
            return api;
        api.UpdatedAt = now;
        alsoRecord?.Invoke(db);
        // A change that alters nothing routed (a description, a document revision the routes do not read) reloads no routes.
        await writer.SaveAndSignalAsync(db, RoutesIfChanged(before, api), ct);
        LogApiUpdated(api.Id);
        return api;
    }

    private void ApplyUpdate(RegistryDbContext db, Api api, ApiUpdate input, string? protectedUpstreamSecret, RegistryProblems errors, DateTimeOffset now)
    {
        Merge(errors, RegistryRules.Check(input));
        // A document identical to the current one is no new revision; none at all keeps the current one.
        var changedDocument = input.OpenApiDocument is not null && !string.Equals(input.OpenApiDocument, api.OpenApiDocument, StringComparison.Ordinal);
        var document = changedDocument ? ReadDocument(input.OpenApiDocument, errors) : null;
        if (errors.Count > 0)
            return;
        api.Name = input.Name.Trim();
        api.Description = input.Description;
        api.UpstreamUrls = input.UpstreamUrls.ToList();
        api.AllowInsecureUpstream = input.AllowInsecureUpstream;
        api.Classification = input.Classification;
        api.IsPublic = input.IsPublic;
        api.ForwardAccessToken = input.ForwardAccessToken;
        api.Scopes = OfferedScopes(input.Scopes, document ?? (api.OpenApiDocument is { } current ? OpenApiDocumentReader.Read(current) : null));
        api.RequiredScopes = (input.RequiredScopes ?? []).ToList();
        SetUpstreamOAuth(api, input.UpstreamOAuth, protectedUpstreamSecret);
        SetUpstreamBehaviour(api, input.UpstreamTimeout, input.HealthCheck);
        if (document is not null)
            AddDocumentRevision(db, api, input.OpenApiDocument!, document, now);
    }

    /// <summary>The API to change, with its OPD, tracked; null when it does not exist; a conflict when it is retired.</summary>
    internal static async Task<Api?> FindChangeableAsync(RegistryDbContext db, Guid id, CancellationToken ct)
    {
        var api = await db.Apis.Include(a => a.Opd).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (api?.Status == ApiStatus.Retired)
            throw new RegistryConflictException(RegistryMessages.ApiRetiredUnchangeable);
        return api;
    }

    /// <summary>Every revision of an API's OpenAPI document, newest first; null when the API does not exist.</summary>
    public async Task<IReadOnlyList<ApiDocumentRevision>?> ListDocumentRevisionsAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Apis.AnyAsync(a => a.Id == id, ct))
            return null;
        return await db.DocumentRevisions.AsNoTracking().Where(r => r.ApiId == id).OrderByDescending(r => r.Revision).ToListAsync(ct);
    }

    public async Task<ApiDocumentRevision?> FindDocumentRevisionAsync(Guid id, int revision, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.DocumentRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.ApiId == id && r.Revision == revision, ct);
    }

    /// <summary>
    /// Reads and checks a document: the OpenAPI rules first, then every data-plane policy's verdict on whether it
    /// can enforce the document. Problems go into <paramref name="errors"/> under <c>openApiDocument</c>.
    /// </summary>
    private OpenApiReadResult? ReadDocument(string? text, RegistryProblems errors)
    {
        if (text is null)
            return null;
        var read = OpenApiDocumentReader.Read(text);
        var problems = read.Findings.ToList();
        if (read.IsValid)
        {
            foreach (var check in policyChecks)
                problems.AddRange(check.CheckDocument(read.Json!).Select(p => RegistryProblem.OfKey(OpenApiDocumentReader.Field, p)));
            // The scopes it names become the API's scopes (see OfferedScopes), so they follow the same rules.
            foreach (var scope in OpenApiSecurityScopes.Named(read.Json!).Where(s => !RegistryRules.IsScope(s)))
                problems.Add(RegistryProblem.Of(OpenApiDocumentReader.Field, RegistryMessages.DocumentSecurityScope, ("at", "/security"), ("scope", scope)));
        }
        if (problems.Count == 0)
            return read;
        errors.Add(problems.Take(OpenApiStructureRules.MaxProblems));
        return null;
    }

    /// <summary>
    /// The scopes an API offers: those declared, then those its document's security requirements name, which the
    /// gateway enforces per operation. A subscription grants the API's scopes, so an API onboarded with a document
    /// (in the portal, where no scopes are typed) is callable with the scopes its own document asks for.
    /// </summary>
    private static List<string> OfferedScopes(IReadOnlyList<string>? declared, OpenApiReadResult? document)
    {
        var offered = (declared ?? []).ToList();
        if (document is { IsValid: true, Json: { } json })
            offered.AddRange(OpenApiSecurityScopes.Named(json).Where(s => !offered.Contains(s, StringComparer.Ordinal)));
        return offered;
    }

    private static void AddDocumentRevision(RegistryDbContext db, Api api, string content, OpenApiReadResult document, DateTimeOffset now)
    {
        api.OpenApiDocument = content;
        api.DocumentRevision++;
        db.DocumentRevisions.Add(new ApiDocumentRevision
        {
            ApiId = api.Id,
            Revision = api.DocumentRevision,
            Content = content,
            Format = document.Format,
            OpenApiVersion = document.OpenApiVersion,
            CreatedAt = now,
        });
    }

    /// <summary>
    /// Moves an API to another lifecycle state, if <see cref="ApiLifecycle"/> allows the move, recording
    /// <paramref name="alsoRecord"/> in the same transaction. Only <see cref="Approvals.ApprovalWorkflow"/> calls it: every
    /// move is a submission, a decision, a publication after approval or an emergency act, each with its actor.
    /// </summary>
    internal async Task<Api?> MoveApiAsync(Guid id, ApiStatus target, Action<RegistryDbContext, Api>? alsoRecord, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var api = await db.Apis.Include(a => a.Opd).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (api is null)
            return null;
        if (!ApiLifecycle.CanMove(api.Status, target))
        {
            var next = ApiLifecycle.NextFrom(api.Status);
            throw new RegistryConflictException(RegistryMessages.ApiCannotMove,
                ("status", api.Status), ("target", target), ("next", next.Count == 0 ? "none" : string.Join(", ", next)));
        }
        if (target == ApiStatus.Published)
        {
            // Re-check the upstreams at the moment the API goes live: the rules may be stricter than when it was registered.
            var bad = api.UpstreamUrls.Select(u => RegistryRules.UpstreamProblem(u, api.AllowInsecureUpstream)).FirstOrDefault(p => p is not null);
            if (bad is not null)
                throw new RegistryValidationException(new RegistryProblems().Add("upstreamUrls", bad));
        }
        if (target is ApiStatus.Submitted or ApiStatus.Approved or ApiStatus.Published)
        {
            // Each step towards going live meets the standing rules as the API would be after it. Stepping back
            // (Draft, Deprecated) and retiring stay possible: they are how an API that breaks a rule is taken down.
            var problems = RegistryRules.CheckStanding(api.Classification, api.IsPublic, api.OpenApiDocument is not null,
                api.ValidationWaiverExpiresAt, target, clock.GetUtcNow());
            if (target == ApiStatus.Submitted)
                Merge(problems, await MissingProfileAsync(db, api.Id, ct));
            ThrowIfInvalid(problems);
        }
        var from = api.Status;
        var before = RoutedApiView.Of(api, api.Opd!);
        api.Status = target;
        api.UpdatedAt = clock.GetUtcNow();
        alsoRecord?.Invoke(db, api);
        // Draft -> Submitted -> Approved (and back) route nothing; publishing, deprecating, suspending and retiring do.
        await writer.SaveAndSignalAsync(db, RoutesIfChanged(before, api), ct);
        LogApiMoved(api.Id, from, target);
        return api;
    }

    /// <summary>Stores the upstream's OAuth settings, the secret encrypted; without a new secret the stored one stays.</summary>
    private static void SetUpstreamBehaviour(Api api, TimeSpan? timeout, UpstreamHealthCheckInput? healthCheck)
    {
        api.UpstreamTimeout = timeout;
        api.HealthCheckPath = healthCheck?.Path;
        api.HealthCheckInterval = healthCheck is null ? null : healthCheck.Interval ?? UpstreamHealthCheckInput.DefaultInterval;
    }

    private void SetUpstreamOAuth(Api api, UpstreamOAuthInput? input, string? protectedSecret = null)
    {
        if (input is null)
        {
            api.UpstreamTokenEndpoint = api.UpstreamClientId = api.UpstreamProtectedClientSecret = api.UpstreamScope = null;
            return;
        }
        if (protectedSecret is not null)
            api.UpstreamProtectedClientSecret = protectedSecret;
        else if (!string.IsNullOrEmpty(input.ClientSecret))
            api.UpstreamProtectedClientSecret = UpstreamSecretProtection.Protect(protection, input.ClientSecret);
        else if (api.UpstreamProtectedClientSecret is null || api.UpstreamTokenEndpoint != input.TokenEndpoint || api.UpstreamClientId != input.ClientId)
            throw new RegistryValidationException(new RegistryProblems().Add("upstreamOAuth.clientSecret", RegistryMessages.ApiUpstreamSecretRequired));
        api.UpstreamTokenEndpoint = input.TokenEndpoint;
        api.UpstreamClientId = input.ClientId;
        api.UpstreamScope = string.IsNullOrWhiteSpace(input.Scope) ? null : input.Scope.Trim();
    }

    /// <summary>Routes when the write changed what the data plane routes of the API (its view before against after).</summary>
    private static RegistryChange RoutesIfChanged(PublishedApi? before, Api after) =>
        RoutedApiView.Changed(before, RoutedApiView.Of(after, after.Opd!)) ? RegistryChange.Routes : RegistryChange.None;

    [LoggerMessage(Level = LogLevel.Information, Message = "API {OpdCode}/{Slug}/{Version} registered as {ApiId}")]
    private partial void LogApiCreated(string opdCode, string slug, string version, Guid apiId);

    [LoggerMessage(Level = LogLevel.Information, Message = "API {ApiId} updated")]
    private partial void LogApiUpdated(Guid apiId);

    [LoggerMessage(Level = LogLevel.Information, Message = "API {ApiId} moved from {From} to {To}")]
    private partial void LogApiMoved(Guid apiId, ApiStatus from, ApiStatus to);
}
