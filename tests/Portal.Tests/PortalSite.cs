using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Accounts;
using SpbeConnector.Portal.Security;
using SpbeConnector.Portal.Tests.Accounts;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests;

/// <summary>A real gateway over HTTPS with its portal, and the accounts a test signs in with.</summary>
public sealed class PortalSite : IAsyncDisposable
{
    public const string Password = "Rahasia-Uji-2026!";

    // The authenticator keys of the accounts the helper enrolled, by site (host:port) and user name.
    private static readonly ConcurrentDictionary<string, string> AuthenticatorKeys = new();

    private PortalSite(TestGateway gateway) => Gateway = gateway;

    public TestGateway Gateway { get; }
    public string BaseUrl => Gateway.BaseUrl;

    public static async Task<PortalSite> StartAsync(IDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        var all = new Dictionary<string, string?>
        {
            // Fewer PBKDF2 rounds keep the tests fast; the hash format and its checks are the product's.
            ["Portal:PasswordHashIterations"] = "10000",
            ["Portal:MaximumFailedLogins"] = "3",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        return new PortalSite(await TestGateway.StartAsync(all, dataDirectory));
    }

    /// <summary>
    /// An account that chose its own password (no change forced), as the command line creates the first administrator.
    /// An account whose role needs a second factor gets an authenticator app (<see cref="SignInAsync"/> types its codes)
    /// unless <paramref name="enrolSecondFactor"/> is false.
    /// </summary>
    public async Task CreateAccountAsync(string username, PortalRole role, string? opd = null, bool mustChangePassword = false, bool? enrolSecondFactor = null)
    {
        if (opd is not null)
            await Gateway.EnsureOpdAsync(opd);
        await using var scope = Gateway.Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<PortalAccountService>()
            .CreateAsync(new PortalAccountInput(username, "Pengguna " + username, role, opd, Password), mustChangePassword, CancellationToken.None);
        if (enrolSecondFactor ?? SecondFactorRule.IsRequiredFor(role))
            await EnrolAuthenticatorAsync(username);
    }

    /// <summary>
    /// Enrols an authenticator app for the account (<see cref="PortalPerson.EnrolAuthenticatorAsync"/>) and keeps its key,
    /// so that <see cref="SignInAsync"/> types its codes.
    /// </summary>
    private async Task EnrolAuthenticatorAsync(string username) =>
        AuthenticatorKeys[$"{new Uri(BaseUrl).Authority}|{username}"] = await PortalPerson.EnrolAuthenticatorAsync(Gateway, username);

    /// <summary>
    /// Signs in through the login form, then types the authenticator code when the portal asks for one (accounts this
    /// helper enrolled), and goes on past the offer to enrol a second factor; ends where the portal leads.
    /// </summary>
    public static async Task SignInAsync(IPage page, string username, string password = Password)
    {
        await page.GotoAsync("/portal/masuk");
        await page.GetByLabel("Nama pengguna").FillAsync(username);
        await page.GetByLabel("Kata sandi", new PageGetByLabelOptions { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Masuk", Exact = true }).ClickAsync();
        var url = new Uri(page.Url);
        if (url.AbsolutePath == "/portal/masuk/kode" && AuthenticatorKeys.TryGetValue($"{url.Authority}|{username}", out var key))
        {
            await page.GetByLabel("Kode autentikator").FillAsync(Totp.Code(key));
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Verifikasi", Exact = true }).ClickAsync();
        }
        var later = page.Locator("#second-factor-later");
        if (new Uri(page.Url).AbsolutePath == SecondFactorRule.EnrolmentPath && await later.CountAsync() > 0)
            await later.ClickAsync();
    }

    public ValueTask DisposeAsync() => Gateway.DisposeAsync();
}
