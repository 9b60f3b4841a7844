using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SpbeConnector.Portal.Security;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Portal.Accounts;

/// <summary>
/// The session's claims for an account, whichever way it signed in: id, name and role (the standard claim types other
/// parts read), OPD, security stamp, sign-in time (absolute timeout), and whether the password must be changed first
/// (set by an administrator, or expired: Pasal 59 ayat (4) huruf c and e).
/// </summary>
public sealed class PortalClaimsFactory(IDbContextFactory<RegistryDbContext> contexts, PortalPasswordAge age, TimeProvider clock)
    : IUserClaimsPrincipalFactory<PortalAccount>
{
    public async Task<ClaimsPrincipal> CreateAsync(PortalAccount user)
    {
        if (user.Opd is null && user.OpdId is { } opdId)
        {
            await using var db = await contexts.CreateDbContextAsync();
            user.Opd = await db.Opds.AsNoTracking().SingleOrDefaultAsync(o => o.Id == opdId);
        }
        var now = clock.GetUtcNow();
        return PortalPrincipal.Create(user, user.MustChangePassword || age.IsExpired(user, now), now);
    }
}
