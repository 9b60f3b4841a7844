using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.OAuth;
using SpbeConnector.Registry.OpenApi;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// The one set of rules behind every change to OPDs, APIs, client applications and subscriptions, whoever asks
/// (admin API, portal, demo seeding). Each change bumps the configuration version (what is routed) or the access
/// version (who may call what) in the same transaction and signals the data plane.
/// </summary>
public sealed partial class RegistryCatalog(
    IDbContextFactory<RegistryDbContext> contexts,
    IRegistryChangeSignal changes,
    IAccessChangeSignal accessChanges,
    ClientSecretHasher secretHasher,
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection,
    IOptions<OAuthServerOptions> oauthOptions,
    IEnumerable<IApiPolicyCheck> policyChecks,
    TimeProvider clock,
    ILogger<RegistryCatalog> logger)
{
    public async Task<IReadOnlyList<Opd>> ListOpdsAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Opds.AsNoTracking().OrderBy(o => o.Code).ToListAsync(ct);
    }

    public async Task<Opd?> FindOpdAsync(string code, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Opds.AsNoTracking().SingleOrDefaultAsync(o => o.Code == code, ct);
    }

    public async Task<Opd> CreateOpdAsync(OpdInput input, CancellationToken ct)
    {
        ThrowIfInvalid(RegistryRules.Check(input));
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Opds.AnyAsync(o => o.Code == input.Code, ct))
            throw new RegistryConflictException($"An OPD with code '{input.Code}' already exists.");
        await EnsureTenantDomainFreeAsync(db, input.TenantDomain, null, ct);
        var now = clock.GetUtcNow();
        var opd = new Opd { Id = Guid.NewGuid(), Code = input.Code, Name = input.Name.Trim(), TenantDomain = Empty(input.TenantDomain), CreatedAt = now, UpdatedAt = now };
        db.Opds.Add(opd);
        await SaveAndSignalAsync(db, ct);
        LogOpdCreated(opd.Code);
        return opd;
    }

    public async Task<Opd?> UpdateOpdAsync(string code, OpdInput input, CancellationToken ct)
    {
        ThrowIfInvalid(RegistryRules.Check(input with { Code = code }));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var opd = await db.Opds.SingleOrDefaultAsync(o => o.Code == code, ct);
        if (opd is null)
            return null;
        await EnsureTenantDomainFreeAsync(db, input.TenantDomain, opd.Id, ct);
        opd.Name = input.Name.Trim();
        opd.TenantDomain = Empty(input.TenantDomain);
        opd.UpdatedAt = clock.GetUtcNow();
        await SaveAndSignalAsync(db, ct);
        return opd;
    }

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
            errors["opdCode"] = [$"names no registered OPD"];
        Merge(errors, RegistryRules.CheckStanding(input.Classification, input.IsPublic, document is not null, null, ApiStatus.Draft, clock.GetUtcNow()));
        ThrowIfInvalid(errors);
        if (await db.Apis.AnyAsync(a => a.OpdId == opd!.Id && a.Slug == input.Slug && a.Version == input.Version, ct))
            throw new RegistryConflictException($"OPD '{input.OpdCode}' already has API '{input.Slug}' version '{input.Version}'.");
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
        await SaveAndSignalAsync(db, ct);
        api.Opd = opd;
        LogApiCreated(opd.Code, api.Slug, api.Version, api.Id);
        return api;
    }

    public async Task<Api?> UpdateApiAsync(Guid id, ApiUpdate input, CancellationToken ct)
    {
        var errors = RegistryRules.Check(input);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var api = await db.Apis.Include(a => a.Opd).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (api is null)
            return null;
        // A document identical to the current one is no new revision; none at all keeps the current one.
        var changedDocument = input.OpenApiDocument is not null && !string.Equals(input.OpenApiDocument, api.OpenApiDocument, StringComparison.Ordinal);
        var document = changedDocument ? ReadDocument(input.OpenApiDocument, errors) : null;
        // The API as it would be after the change meets the standing rules, or the change is refused: an API stored
        // before them that breaks one accepts only the change that fixes it.
        Merge(errors, RegistryRules.CheckStanding(input.Classification, input.IsPublic, document is not null || api.OpenApiDocument is not null,
            api.ValidationWaiverExpiresAt, api.Status, clock.GetUtcNow()));
        ThrowIfInvalid(errors);
        if (api.Status == ApiStatus.Retired)
            throw new RegistryConflictException("A retired API cannot be changed; register a new version instead.");
        var now = clock.GetUtcNow();
        api.Name = input.Name.Trim();
        api.Description = input.Description;
        api.UpstreamUrls = input.UpstreamUrls.ToList();
        api.AllowInsecureUpstream = input.AllowInsecureUpstream;
        api.Classification = input.Classification;
        api.IsPublic = input.IsPublic;
        api.ForwardAccessToken = input.ForwardAccessToken;
        api.Scopes = OfferedScopes(input.Scopes, document ?? (api.OpenApiDocument is { } current ? OpenApiDocumentReader.Read(current) : null));
        api.RequiredScopes = (input.RequiredScopes ?? []).ToList();
        SetUpstreamOAuth(api, input.UpstreamOAuth);
        SetUpstreamBehaviour(api, input.UpstreamTimeout, input.HealthCheck);
        api.UpdatedAt = now;
        if (document is not null)
            AddDocumentRevision(db, api, input.OpenApiDocument!, document, now);
        await SaveAndSignalAsync(db, ct);
        LogApiUpdated(api.Id);
        return api;
    }

    /// <summary>Replaces how the gateway checks an API's input, cookies and files; takes effect at once.</summary>
    public async Task<Api?> UpdateValidationAsync(Guid id, ApiValidationSettings settings, CancellationToken ct)
    {
        var errors = RegistryRules.Check(settings);
        foreach (var check in policyChecks)
        {
            foreach (var (setting, problem) in check.CheckSettings(settings))
                errors[setting] = errors.TryGetValue(setting, out var existing) ? [.. existing, problem] : [problem];
        }
        ThrowIfInvalid(errors);
        var api = await ChangeSettingsAsync(id, a => a.Validation = settings, ct);
        if (api is not null)
            LogValidationUpdated(api.Id);
        return api;
    }

    /// <summary>Replaces which browser origins may call an API across origins; takes effect at once.</summary>
    public async Task<Api?> UpdateCorsAsync(Guid id, ApiCorsSettings settings, CancellationToken ct)
    {
        ThrowIfInvalid(RegistryRules.Check(settings));
        var api = await ChangeSettingsAsync(id, a => a.Cors = settings, ct);
        if (api is not null)
            LogCorsUpdated(api.Id, settings.AllowedOrigins.Count);
        return api;
    }

    /// <summary>The API to change, with its OPD, tracked; null when it does not exist; a conflict when it is retired.</summary>
    private static async Task<Api?> FindChangeableAsync(RegistryDbContext db, Guid id, CancellationToken ct)
    {
        var api = await db.Apis.Include(a => a.Opd).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (api?.Status == ApiStatus.Retired)
            throw new RegistryConflictException("A retired API cannot be changed; register a new version instead.");
        return api;
    }

    /// <summary>Applies a change of one of an API's settings and signals it to every node; null when the API does not exist.</summary>
    private async Task<Api?> ChangeSettingsAsync(Guid id, Action<Api> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await FindChangeableAsync(db, id, ct) is not { } api)
            return null;
        change(api);
        api.UpdatedAt = clock.GetUtcNow();
        ThrowIfInvalid(RegistryRules.CheckStanding(api, api.UpdatedAt));
        await SaveAndSignalAsync(db, ct);
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
    private OpenApiReadResult? ReadDocument(string? text, Dictionary<string, string[]> errors)
    {
        if (text is null)
            return null;
        var read = OpenApiDocumentReader.Read(text);
        var problems = read.Problems.ToList();
        if (read.IsValid)
        {
            foreach (var check in policyChecks)
                problems.AddRange(check.CheckDocument(read.Json!));
            // The scopes it names become the API's scopes (see OfferedScopes), so they follow the same rules.
            foreach (var scope in OpenApiSecurityScopes.Named(read.Json!).Where(s => !RegistryRules.IsScope(s)))
                problems.Add($"/security: the scope '{scope}' must be 1 to 100 letters, digits or . _ : / -, starting with a letter or digit");
        }
        if (problems.Count == 0)
            return read;
        errors["openApiDocument"] = problems.Take(OpenApiStructureRules.MaxProblems).ToArray();
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

    /// <summary>Moves an API to another lifecycle state, if <see cref="ApiLifecycle"/> allows the move.</summary>
    public async Task<Api?> MoveApiAsync(Guid id, ApiStatus target, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var api = await db.Apis.Include(a => a.Opd).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (api is null)
            return null;
        if (!ApiLifecycle.CanMove(api.Status, target))
        {
            var next = ApiLifecycle.NextFrom(api.Status);
            throw new RegistryConflictException(
                $"An API in state {api.Status} cannot move to {target}; allowed next states: {(next.Count == 0 ? "none" : string.Join(", ", next))}.");
        }
        if (target == ApiStatus.Published)
        {
            // Re-check the upstreams at the moment the API goes live: the rules may be stricter than when it was registered.
            var bad = api.UpstreamUrls.Select(u => RegistryRules.CheckUpstream(u, api.AllowInsecureUpstream)).FirstOrDefault(p => p is not null);
            if (bad is not null)
                throw new RegistryValidationException(new Dictionary<string, string[]> { ["upstreamUrls"] = [bad] });
        }
        if (target is ApiStatus.Submitted or ApiStatus.Approved or ApiStatus.Published)
        {
            // Each step towards going live meets the standing rules as the API would be after it. Stepping back
            // (Draft, Deprecated) and retiring stay possible: they are how an API that breaks a rule is taken down.
            ThrowIfInvalid(RegistryRules.CheckStanding(api.Classification, api.IsPublic, api.OpenApiDocument is not null,
                api.ValidationWaiverExpiresAt, target, clock.GetUtcNow()));
        }
        var from = api.Status;
        api.Status = target;
        api.UpdatedAt = clock.GetUtcNow();
        await SaveAndSignalAsync(db, ct);
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

    private void SetUpstreamOAuth(Api api, UpstreamOAuthInput? input)
    {
        if (input is null)
        {
            api.UpstreamTokenEndpoint = api.UpstreamClientId = api.UpstreamProtectedClientSecret = api.UpstreamScope = null;
            return;
        }
        if (!string.IsNullOrEmpty(input.ClientSecret))
            api.UpstreamProtectedClientSecret = UpstreamSecretProtection.Protect(protection, input.ClientSecret);
        else if (api.UpstreamProtectedClientSecret is null || api.UpstreamTokenEndpoint != input.TokenEndpoint || api.UpstreamClientId != input.ClientId)
            throw new RegistryValidationException(new Dictionary<string, string[]> { ["upstreamOAuth.clientSecret"] = ["is required for a new token endpoint or client id"] });
        api.UpstreamTokenEndpoint = input.TokenEndpoint;
        api.UpstreamClientId = input.ClientId;
        api.UpstreamScope = string.IsNullOrWhiteSpace(input.Scope) ? null : input.Scope.Trim();
    }

    private async Task SaveAndSignalAsync(RegistryDbContext db, CancellationToken ct)
    {
        // Subscriptions name APIs, so what an API is (public, scopes, status) is access information too.
        await TranslateConflictsAsync(() => db.SaveWithVersionBumpAsync(routes: true, ct));
        changes.NotifyChanged();
        accessChanges.NotifyChanged();
    }

    private async Task SaveAndSignalAccessAsync(RegistryDbContext db, CancellationToken ct)
    {
        await TranslateConflictsAsync(() => db.SaveWithVersionBumpAsync(routes: false, ct));
        accessChanges.NotifyChanged();
    }

    /// <summary>Saves without touching the versions (changes the data plane does not see).</summary>
    private Task SaveAsync(RegistryDbContext db, CancellationToken ct) => TranslateConflictsAsync(() => db.SaveChangesAsync(ct));

    private async Task TranslateConflictsAsync(Func<Task> save)
    {
        try
        {
            await save();
        }
        catch (DbUpdateException ex)
        {
            // A concurrent writer won a uniqueness race; nothing was stored. The database's own message names tables,
            // columns and constraints: it goes to the operator's log, never to the caller (Pasal 59 ayat (9) huruf a:
            // control the content of error messages).
            LogSaveConflict(ex);
            throw new RegistryConflictException("The change collides with a concurrent change; read the current state and try again.");
        }
    }

    private static async Task EnsureTenantDomainFreeAsync(RegistryDbContext db, string? domain, Guid? self, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(domain))
            return;
        if (await db.Opds.AnyAsync(o => o.TenantDomain == domain && o.Id != self, ct))
            throw new RegistryConflictException($"Tenant domain '{domain}' already belongs to another OPD.");
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Merge(Dictionary<string, string[]> errors, Dictionary<string, string[]> more)
    {
        foreach (var (field, problems) in more)
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, .. problems] : problems;
    }

    private static void ThrowIfInvalid(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
            throw new RegistryValidationException(errors);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A registry change was refused as a conflict: the store rejected it (usually a concurrent change to the same item; otherwise the store's message names the constraint)")]
    private partial void LogSaveConflict(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "OPD {OpdCode} registered")]
    private partial void LogOpdCreated(string opdCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "API {OpdCode}/{Slug}/{Version} registered as {ApiId}")]
    private partial void LogApiCreated(string opdCode, string slug, string version, Guid apiId);

    [LoggerMessage(Level = LogLevel.Information, Message = "API {ApiId} updated")]
    private partial void LogApiUpdated(Guid apiId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Validation settings of API {ApiId} updated")]
    private partial void LogValidationUpdated(Guid apiId);

    [LoggerMessage(Level = LogLevel.Information, Message = "CORS settings of API {ApiId} updated: {OriginCount} allowed origin entries")]
    private partial void LogCorsUpdated(Guid apiId, int originCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "API {ApiId} moved from {From} to {To}")]
    private partial void LogApiMoved(Guid apiId, ApiStatus from, ApiStatus to);
}
