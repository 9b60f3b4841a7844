using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpbeConnector.Portal.Accounts;

namespace SpbeConnector.Portal.Security;

/// <summary>
/// Checks a portal session on every request (Pasal 59 ayat (5) huruf e): it ends at the absolute timeout however
/// active it was (ayat (5) huruf d; the idle timeout is the cookie's sliding expiry), and as soon as its account is
/// disabled or its password changed or reset (the security stamp no longer matches).
/// </summary>
public sealed class PortalSessionValidation : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<PortalOptions>>().Value;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var principal = context.Principal is null ? null : PortalPrincipal.From(context.Principal);
        var signedIn = long.TryParse(context.Principal?.FindFirst(PortalSessionDefaults.SignedInAtClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        var stamp = context.Principal?.FindFirst(PortalSessionDefaults.StampClaim)?.Value;
        var valid = principal is not null && signedIn is not null && now - signedIn.Value < options.AbsoluteTimeout;
        if (valid)
        {
            var state = await services.GetRequiredService<PortalAccountService>().GetSessionStateAsync(principal!.AccountId, context.HttpContext.RequestAborted);
            valid = state is { Disabled: false } && state.Value.Stamp == stamp;
        }
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(PortalSessionDefaults.Scheme);
        }
    }
}
