using System.Globalization;
using System.Security.Claims;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Security;

/// <summary>The signed-in portal user as the pages see them, read from the session's claims.</summary>
public sealed record PortalPrincipal(Guid AccountId, string Username, PortalRole Role, string? OpdCode, bool MustChangePassword)
{
    public static ClaimsPrincipal Create(PortalAccount account, bool mustChangePassword, DateTimeOffset signedInAt)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new(ClaimTypes.Name, account.Username),
            new(ClaimTypes.Role, account.Role.ToString()),
            new(PortalSessionDefaults.StampClaim, account.SecurityStamp ?? ""),
            new(PortalSessionDefaults.SignedInAtClaim, signedInAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (account.Opd is not null)
            claims.Add(new Claim(PortalSessionDefaults.OpdClaim, account.Opd.Code));
        if (mustChangePassword)
            claims.Add(new Claim(PortalSessionDefaults.MustChangePasswordClaim, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, PortalSessionDefaults.Scheme));
    }

    public static PortalPrincipal? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.Identity.AuthenticationType != PortalSessionDefaults.Scheme)
            return null;
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            || !Enum.TryParse<PortalRole>(user.FindFirstValue(ClaimTypes.Role), out var role))
            return null;
        return new PortalPrincipal(id, user.Identity.Name ?? "", role, user.FindFirstValue(PortalSessionDefaults.OpdClaim),
            user.HasClaim(PortalSessionDefaults.MustChangePasswordClaim, "true"));
    }

    public bool Is(params PortalRole[] roles) => roles.Contains(Role);

    /// <summary>
    /// The user as the approval workflow knows them: the same identifier <see cref="ActorIdentity.FromPrincipal"/> reads
    /// from the session's claims (<c>person:&lt;username&gt;</c>, as the admin API's audit records name them), so four eyes
    /// holds across the portal and the admin API.
    /// </summary>
    public ActorIdentity ToActor() => ActorIdentity.Person(AccountId, Username, Role, OpdCode);
}
