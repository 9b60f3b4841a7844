using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.OpenApi;
using SpbeConnector.Registry.Storage;
using static SpbeConnector.Registry.Catalog.CatalogChecks;

namespace SpbeConnector.Registry.Catalog;

/// <summary>What the reviewers of an API read (Pasal 41-42): its risk assessment and its dossier.</summary>
public sealed partial class ApiDossierCatalog(
    IDbContextFactory<RegistryDbContext> contexts,
    RegistryWriter writer,
    TimeProvider clock,
    ILogger<ApiDossierCatalog> logger)
{
    /// <summary>
    /// Records the Level Risiko SPBE and the general/special flag of an API (Pasal 41-42; Pasal 1 angka 20-21); a new
    /// assessment replaces the previous one. Null when the API does not exist.
    /// </summary>
    public async Task<Api?> SetRiskAsync(Guid id, ApiRiskInput input, CancellationToken ct)
    {
        ThrowIfInvalid(RegistryRules.Check(input));
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await ApiCatalog.FindChangeableAsync(db, id, ct) is not { } api)
            return null;
        var now = clock.GetUtcNow();
        api.RiskLevel = input.RiskLevel;
        api.ApplicationKind = input.ApplicationKind;
        api.RiskAssessedAt = now;
        api.UpdatedAt = now;
        // The data plane does not read the assessment: no new configuration version.
        await writer.SaveAsync(db, ct);
        LogRiskRecorded(api.Id, api.RiskLevel!.Value, api.ApplicationKind!.Value);
        return api;
    }

    /// <summary>The dossier of one API for its reviewers (<see cref="ApiDossier"/>), or null when it does not exist.</summary>
    public async Task<ApiDossier?> GetDossierAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var api = await db.Apis.AsNoTracking().Include(a => a.Opd).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (api is null)
            return null;
        var profile = await db.ApiProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.ApiId == id, ct);
        var decisions = await db.OnboardingDecisions.AsNoTracking().Where(d => d.ApiId == id).ToListAsync(ct);
        return new ApiDossier(api, profile, RegistryRules.NeverPublic(api.Classification), Operations(api.OpenApiDocument),
            decisions.OrderBy(d => d.At).ToList());
    }

    /// <summary>The dossiers of every API that is not retired, in the reviewers' order (OPD, API, version).</summary>
    public async Task<IReadOnlyList<ApiDossier>> ListDossiersAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var apis = await db.Apis.AsNoTracking().Include(a => a.Opd).Where(a => a.Status != ApiStatus.Retired).ToListAsync(ct);
        var profiles = await db.ApiProfiles.AsNoTracking().ToDictionaryAsync(p => p.ApiId, ct);
        var decisions = (await db.OnboardingDecisions.AsNoTracking().ToListAsync(ct)).ToLookup(d => d.ApiId);
        return apis.OrderBy(a => a.Opd!.Code, StringComparer.Ordinal).ThenBy(a => a.Slug, StringComparer.Ordinal).ThenBy(a => a.Version, StringComparer.Ordinal)
            .Select(a => new ApiDossier(a, profiles.GetValueOrDefault(a.Id), RegistryRules.NeverPublic(a.Classification), Operations(a.OpenApiDocument),
                decisions[a.Id].OrderBy(d => d.At).ToList()))
            .ToList();
    }

    /// <summary>The operations of a stored document; none when the API has no document (or it no longer reads).</summary>
    internal static IReadOnlyList<ApiOperationSummary> Operations(string? document)
    {
        if (document is null || OpenApiDocumentReader.Read(document) is not { IsValid: true, Json: { } json })
            return [];
        using var parsed = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        var root = parsed.RootElement;
        var operations = new List<ApiOperationSummary>();
        if (!root.TryGetProperty("paths", out var paths) || paths.ValueKind != JsonValueKind.Object)
            return operations;
        foreach (var path in paths.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
        {
            foreach (var method in OpenApiStructureRules.Methods)
            {
                if (!path.Value.TryGetProperty(method, out var operation) || operation.ValueKind != JsonValueKind.Object)
                    continue;
                var scopes = OpenApiSecurityScopes.ForOperation(operation, root).Select(a => (IReadOnlyList<string>)a).ToList();
                operations.Add(new ApiOperationSummary(method.ToUpperInvariant(), path.Name, scopes, DescribesRequest(path.Value, operation)));
            }
        }
        return operations;
    }

    /// <summary>Every parameter (of the path and of the operation) and the request body, when there is one, have a schema.</summary>
    private static bool DescribesRequest(JsonElement pathItem, JsonElement operation)
    {
        static bool Described(JsonElement e) =>
            e.TryGetProperty("$ref", out _) || e.TryGetProperty("schema", out _)
            || (e.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object
                && content.EnumerateObject().Any() && content.EnumerateObject().All(c => c.Value.ValueKind == JsonValueKind.Object && c.Value.TryGetProperty("schema", out _)));

        foreach (var holder in new[] { pathItem, operation })
        {
            if (holder.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Array
                && parameters.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.Object || !Described(p)))
                return false;
        }
        return !operation.TryGetProperty("requestBody", out var body) || (body.ValueKind == JsonValueKind.Object && Described(body));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Risk assessment recorded for API {ApiId}: {RiskLevel}, {ApplicationKind}")]
    private partial void LogRiskRecorded(Guid apiId, SpbeRiskLevel riskLevel, ApplicationKind applicationKind);
}
