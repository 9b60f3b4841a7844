using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;
using static SpbeConnector.Registry.Catalog.CatalogChecks;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// The registry's OPDs. The catalog is cut by aggregate, each class the one set of rules behind every change of its
/// items, whoever asks (admin API, portal, demo seeding): OPDs here, <see cref="ApiCatalog"/> (APIs and their
/// documents), <see cref="ApiDossierCatalog"/> (risk and dossiers), <see cref="StandingRuleCatalog"/> (waivers and
/// violations of the standing rules), <see cref="ClientCatalog"/> and <see cref="ManagementClientCatalog"/> (client
/// applications and their secrets), <see cref="SubscriptionCatalog"/>, <see cref="PlanCatalog"/> (plans and
/// per-operation limits) and <see cref="RevokedTokenCatalog"/>. Each saves through <see cref="RegistryWriter"/>, which
/// bumps the configuration version (what is routed) or the access version (who may call what) in the same transaction
/// and signals the data plane, and only when it changes what the data plane sees (<see cref="RegistryChange"/>): an
/// OPD registered, an API registered or moved between Draft, Submitted and Approved, a description edited reloads
/// nothing on any node.
/// </summary>
public sealed partial class OpdCatalog(
    IDbContextFactory<RegistryDbContext> contexts,
    RegistryWriter writer,
    TimeProvider clock,
    ILogger<OpdCatalog> logger)
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
            throw new RegistryConflictException(RegistryMessages.OpdCodeTaken, ("code", input.Code));
        await EnsureTenantDomainFreeAsync(db, input.TenantDomain, null, ct);
        var now = clock.GetUtcNow();
        var opd = new Opd { Id = Guid.NewGuid(), Code = input.Code, Name = input.Name.Trim(), TenantDomain = Empty(input.TenantDomain), CreatedAt = now, UpdatedAt = now };
        db.Opds.Add(opd);
        // An OPD without APIs or clients is nothing the data plane sees.
        await writer.SaveAndSignalAsync(db, RegistryChange.None, ct);
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
        var tenantBefore = opd.TenantDomain;
        opd.Name = input.Name.Trim();
        opd.TenantDomain = Empty(input.TenantDomain);
        opd.UpdatedAt = clock.GetUtcNow();
        // The tenant domain names the national-connector routes of the OPD's routed APIs; the name is not routed.
        var routed = tenantBefore != opd.TenantDomain
            && await db.Apis.AnyAsync(a => a.OpdId == opd.Id && (a.Status == ApiStatus.Published || a.Status == ApiStatus.Deprecated), ct);
        await writer.SaveAndSignalAsync(db, routed ? RegistryChange.Routes : RegistryChange.None, ct);
        return opd;
    }

    private static async Task EnsureTenantDomainFreeAsync(RegistryDbContext db, string? domain, Guid? self, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(domain))
            return;
        if (await db.Opds.AnyAsync(o => o.TenantDomain == domain && o.Id != self, ct))
            throw new RegistryConflictException(RegistryMessages.OpdTenantDomainTaken, ("domain", domain));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OPD {OpdCode} registered")]
    private partial void LogOpdCreated(string opdCode);
}
