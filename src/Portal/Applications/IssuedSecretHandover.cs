using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Catalog;

namespace SpbeConnector.Portal.Applications;

/// <summary>
/// Carries a client secret just issued from the POST that issued it to the application's page (POST-redirect-GET,
/// issue 19 item 6: shown at the POST's address, a refresh would issue another). The secret travels in a cookie that
/// the server encrypts and signs (ASP.NET Core Data Protection, bound to the person and the application), that lives
/// two minutes (also enforced inside the protected value), that scripts cannot read (HttpOnly), that is sent only to
/// that application's page (Path) over TLS, and that is deleted as the page shows it: shown once, as Pasal 59 ayat (8)
/// wants of secrets, and never stored by the portal.
/// </summary>
public static class IssuedSecretHandover
{
    public const string CookieName = "__Secure-spbe-portal-secret";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    public static void Keep(HttpContext http, string username, IssuedSecret secret) =>
        http.Response.Cookies.Append(CookieName, Protector(http, username, secret.ClientId).Protect(secret.Secret, Lifetime), Options(secret.ClientId, Lifetime));

    /// <summary>The secret left for this person's page of <paramref name="clientId"/>, once; null when there is none or it expired.</summary>
    public static IssuedSecret? Take(HttpContext http, string username, string clientId)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var sealedSecret) || string.IsNullOrEmpty(sealedSecret))
            return null;
        http.Response.Cookies.Delete(CookieName, Options(clientId, null));
        try
        {
            var secret = Protector(http, username, clientId).Unprotect(sealedSecret, out var expiration);
            return new IssuedSecret(clientId, Guid.Empty, secret, expiration - Lifetime);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Expired, another person's or another application's, or not made by this portal: nothing to show.
            return null;
        }
    }

    private static ITimeLimitedDataProtector Protector(HttpContext http, string username, string clientId) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("SpbeConnector.Portal.IssuedSecret.v1", username, clientId).ToTimeLimitedDataProtector();

    private static CookieOptions Options(string clientId, TimeSpan? maxAge) => new()
    {
        Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/portal/aplikasi/" + clientId, MaxAge = maxAge, IsEssential = true,
    };
}
