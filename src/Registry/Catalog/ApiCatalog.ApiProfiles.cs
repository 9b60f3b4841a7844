using Microsoft.EntityFrameworkCore;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;
using static SpbeConnector.Registry.Catalog.CatalogChecks;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// An API's registration profile (owner contact, PSE registration number, SLA target, plans offered, tags): read here,
/// and changed only through <see cref="ChangeAsync"/> like every other setting of an API, so that on a live API it waits
/// for an approved change request (issue 18: the PSE number and the owner contact are security-relevant; the plans
/// offered decide what subscribers may ask for).
/// </summary>
public sealed partial class ApiCatalog
{
    /// <summary>The API's profile; null when the API does not exist, an empty profile when none was recorded yet.</summary>
    public async Task<ApiProfile?> FindApiProfileAsync(Guid apiId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Apis.AnyAsync(a => a.Id == apiId, ct))
            return null;
        return await db.ApiProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.ApiId == apiId, ct) ?? new ApiProfile { ApiId = apiId };
    }

    /// <summary>
    /// Checks the profile (adding to <paramref name="errors"/>) and puts it on the tracked context: the caller saves it
    /// (or, checking only, does not). An API registered through the admin API gets its first profile this way.
    /// </summary>
    private async Task ApplyProfileAsync(RegistryDbContext db, Api api, ApiProfileUpdate input, RegistryProblems errors, DateTimeOffset now, CancellationToken ct)
    {
        var problems = RegistryRules.Check(input, await OpenPlansAsync(db, ct));
        Merge(errors, problems);
        if (problems.Count > 0)
            return;
        var profile = await db.ApiProfiles.SingleOrDefaultAsync(p => p.ApiId == api.Id, ct);
        if (profile is null)
        {
            profile = new ApiProfile { ApiId = api.Id, CreatedAt = now, Stage = ApiLifecycle.IsLive(api.Status) ? OnboardingStage.Published : OnboardingStage.Draft };
            db.ApiProfiles.Add(profile);
        }
        profile.OwnerContact = input.OwnerContact!.Trim();
        profile.PseRegistrationNumber = input.PseRegistrationNumber!.Trim();
        profile.SlaTargetPercent = input.SlaTargetPercent!.Value;
        profile.Plans = input.Plans!.Distinct(StringComparer.Ordinal).ToList();
        profile.Tags = (input.Tags ?? profile.Tags).Select(t => t.Trim()).ToList();
        profile.UpdatedAt = now;
    }

    /// <summary>
    /// What the API's registration profile lacks for a submission, by the profile's field names (empty when complete):
    /// reviewers decide on an API whose owner contact, PSE registration number (003 Pasal 53), SLA target of at least
    /// 95% (Pasal 60 ayat (3) huruf m) and plans offered are recorded, whichever door submits it (issue 18).
    /// </summary>
    private static async Task<RegistryProblems> MissingProfileAsync(RegistryDbContext db, Guid apiId, CancellationToken ct)
    {
        var profile = await db.ApiProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.ApiId == apiId, ct);
        return RegistryRules.Check(new ApiProfileUpdate(profile?.OwnerContact, profile?.PseRegistrationNumber,
            profile is { SlaTargetPercent: > 0 } ? profile.SlaTargetPercent : null, profile?.Plans, profile?.Tags), await OpenPlansAsync(db, ct));
    }

    /// <summary>The registry's plans open to subscribers, the only ones an API may offer.</summary>
    private static async Task<List<string>> OpenPlansAsync(RegistryDbContext db, CancellationToken ct) =>
        await db.Plans.AsNoTracking().Where(p => !p.AdministratorOnly).Select(p => p.Name).ToListAsync(ct);
}
