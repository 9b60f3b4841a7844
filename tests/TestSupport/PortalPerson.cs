using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Portal.Accounts;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.TestSupport;

/// <summary>
/// A real person of the portal calling the admin API as the product accepts people there: signed in through the
/// portal's form (with an authenticator code when the account has one), holding the session cookie, and sending the
/// session's anti-forgery token (<c>X-CSRF-TOKEN</c>) with every change. Tests about who decides act as these.
/// </summary>
public sealed partial class PortalPerson(string username, HttpClient client, string antiforgeryToken) : IDisposable
{
    public const string Password = "Rahasia-Uji-2026!";

    public string Username { get; } = username;

    /// <summary>The session's client, for reads (and to show what a change without the token gets).</summary>
    public HttpClient Client { get; } = client;

    /// <summary>The session's anti-forgery token, as the portal's pages hold it.</summary>
    public string AntiforgeryToken { get; } = antiforgeryToken;

    /// <summary>
    /// Creates the account (the role's OPD created if named and new), enrols an authenticator app for it when
    /// <paramref name="secondFactor"/> (administrators, reviewers and auditors act only with one) and signs in with it.
    /// Start the gateway with <c>Portal:PasswordHashIterations</c> low to keep this quick.
    /// </summary>
    public static async Task<PortalPerson> CreateAsync(TestGateway gateway, string username, PortalRole role, string? opd = null, bool secondFactor = true)
    {
        if (opd is not null)
            await gateway.EnsureOpdAsync(opd);
        await gateway.Services.GetRequiredService<PortalAccountService>().CreateAsync(new PortalAccountInput(username, username, role, opd, Password), false, CancellationToken.None);
        var key = secondFactor ? await EnrolAuthenticatorAsync(gateway, username) : null;
        return await SignInAsync(gateway, username, key);
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

    /// <summary>Signs in through the portal's form, with the authenticator's code when asked for one.</summary>
    public static async Task<PortalPerson> SignInAsync(TestGateway gateway, string username, string? authenticatorKey, string password = Password)
    {
        var cookies = new CookieContainer();
        var client = gateway.CreateClient(h => { h.CookieContainer = cookies; h.UseCookies = true; h.AllowAutoRedirect = false; });
        var login = await client.GetStringAsync("/portal/masuk");
        var signIn = await client.PostAsync("/portal/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username, ["password"] = password, ["__RequestVerificationToken"] = TokenOf(login),
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
                throw new InvalidOperationException($"{username}'s authenticator code was not accepted: {(int)verified.StatusCode}");
        }
        return new PortalPerson(username, client, TokenOf(await client.GetStringAsync("/portal")));
    }

    public Task<HttpResponseMessage> PostAsJsonAsync(string path, object body) => SendAsync(HttpMethod.Post, path, body);

    public Task<HttpResponseMessage> PutAsJsonAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);

    /// <summary>A change with the session's anti-forgery token, as the portal's own script would send it.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", AntiforgeryToken);
        return await Client.SendAsync(request);
    }

    public void Dispose() => Client.Dispose();

    /// <summary>The anti-forgery token of a portal page's form.</summary>
    public static string TokenOf(string html) => WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
