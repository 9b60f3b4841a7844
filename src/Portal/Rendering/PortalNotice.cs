using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace SpbeConnector.Portal.Rendering;

/// <summary>
/// The outcome of an action carried across its redirect (POST-redirect-GET: a refresh shows the page again instead of
/// repeating the action). The message is kept in a short-lived cookie that the server protects (encrypted and signed by
/// ASP.NET Core Data Protection), so a link cannot make the portal say something it did not do, and read once by the
/// next page of the same person.
/// </summary>
public static class PortalNotice
{
    public const string CookieName = "__Host-spbe-portal-notice";
    private const string Purpose = "SpbeConnector.Portal.Notice.v1";

    /// <summary>What an action left for the next page: its outcome in words, and whether it was refused.</summary>
    public sealed record Message(string Text, bool Refused);

    /// <summary>Keeps <paramref name="text"/> for the next page and answers with a redirect to it (303: the browser follows with GET).</summary>
    public static IResult RedirectWith(HttpContext http, string location, string text, bool refused = false)
    {
        var message = (refused ? "!" : "+") + text;
        var protector = http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        http.Response.Cookies.Append(CookieName, protector.Protect(message), new CookieOptions
        {
            Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", MaxAge = TimeSpan.FromMinutes(2), IsEssential = true,
        });
        return new SeeOther(location);
    }

    /// <summary>The message an action left for this page, once: the cookie is removed as it is read.</summary>
    public static Message? Take(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var sealedMessage) || string.IsNullOrEmpty(sealedMessage))
            return null;
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
        try
        {
            var message = http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(sealedMessage);
            return message.Length > 1 ? new Message(message[1..], Refused: message[0] == '!') : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // A cookie from before a key rotation, or one not made by this portal: nothing to show.
            return null;
        }
    }

    /// <summary>303 See Other: the answer to a form that says "read the result there", followed with GET whatever the form's method.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
