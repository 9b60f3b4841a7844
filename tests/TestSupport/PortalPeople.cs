using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Portal.Accounts;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.TestSupport;

/// <summary>
/// Named people of an in-process gateway's portal, as the management interfaces see them: an account, an authenticator
/// app whose codes the test computes (<see cref="Totp"/>), and a session signed in through the portal's own forms, with
/// the session's anti-forgery token for changes (the X-CSRF-TOKEN header of the admin and audit APIs).
/// </summary>
public static partial class PortalPeople
{
    public const string Password = "Rahasia-Uji-2026!";

    /// <summary>Creates the account (its password chosen, no change owed); returns the key of its authenticator app, or null when none is enrolled.</summary>
    public static async Task<string?> CreateAsync(TestGateway gateway, string username, PortalRole role, string? opd = null, bool enrolAuthenticator = true)
    {
        if (opd is not null)
            await gateway.EnsureOpdAsync(opd);
        await gateway.Services.GetRequiredService<PortalAccountService>()
            .CreateAsync(new PortalAccountInput(username, "Pengguna " + username, role, opd, Password), false, CancellationToken.None);
        return enrolAuthenticator ? await EnrolAuthenticatorAsync(gateway, username) : null;
    }

    /// <summary>Enrols an authenticator app for the account, as its person would; returns its key.</summary>
    public static async Task<string> EnrolAuthenticatorAsync(TestGateway gateway, string username)
    {
        await using var scope = gateway.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalAccount>>();
        var enrolment = scope.ServiceProvider.GetRequiredService<SecondFactorEnrolment>();
        var account = await users.FindByNameAsync(username) ?? throw new InvalidOperationException($"no account {username}");
        var key = await enrolment.PendingAuthenticatorKeyAsync(account);
        if (await enrolment.ConfirmAuthenticatorAsync(account, Totp.Code(key)) is null)
            throw new InvalidOperationException($"the authenticator of {username} was not confirmed");
        return key;
    }

    /// <summary>
    /// Signs in through the portal's form, typing the authenticator code when the portal asks for one (given its key);
    /// returns a client holding the session, and the session's anti-forgery token as its portal forms carry it.
    /// </summary>
    public static async Task<(HttpClient Client, string Token)> SignInAsync(TestGateway gateway, string username, string? authenticatorKey)
    {
        var cookies = new CookieContainer();
        var client = gateway.CreateClient(h => { h.CookieContainer = cookies; h.UseCookies = true; h.AllowAutoRedirect = false; });
        var login = await client.GetStringAsync("/portal/masuk");
        var signIn = await client.PostAsync("/portal/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username, ["password"] = Password, ["__RequestVerificationToken"] = TokenOf(login),
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"{username} was not signed in: {(int)signIn.StatusCode}");
        if (signIn.Headers.Location?.OriginalString.StartsWith("/portal/masuk/kode", StringComparison.Ordinal) == true && authenticatorKey is not null)
        {
            var codePage = await client.GetStringAsync(signIn.Headers.Location.OriginalString);
            var verified = await client.PostAsync(signIn.Headers.Location.OriginalString, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["code"] = Totp.Code(authenticatorKey), ["__RequestVerificationToken"] = TokenOf(codePage),
            }));
            if (verified.StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"the authenticator code of {username} was refused: {(int)verified.StatusCode}");
        }
        // Any page's form carries the token; the enrolment page is the one a person without a second factor is led to.
        var page = await client.GetAsync("/portal");
        var html = page.StatusCode == HttpStatusCode.Redirect
            ? await client.GetStringAsync(page.Headers.Location!.OriginalString)
            : await page.Content.ReadAsStringAsync();
        return (client, TokenOf(html));
    }

    private static string TokenOf(string html) => WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
