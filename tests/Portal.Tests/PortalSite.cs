using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Accounts;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests;

/// <summary>A real gateway over HTTPS with its portal, and the accounts a test signs in with.</summary>
public sealed class PortalSite : IAsyncDisposable
{
    public const string Password = "Rahasia-Uji-2026!";

    private PortalSite(TestGateway gateway) => Gateway = gateway;

    public TestGateway Gateway { get; }
    public string BaseUrl => Gateway.BaseUrl;

    public static async Task<PortalSite> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            // Fewer PBKDF2 rounds keep the tests fast; the hash format and its checks are the product's.
            ["Portal:PasswordHashIterations"] = "10000",
            ["Portal:MaximumFailedLogins"] = "3",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        return new PortalSite(await TestGateway.StartAsync(all));
    }

    /// <summary>An account that chose its own password (no change forced), as the command line creates the first administrator.</summary>
    public async Task CreateAccountAsync(string username, PortalRole role, string? opd = null, bool mustChangePassword = false)
    {
        if (opd is not null)
            await Gateway.EnsureOpdAsync(opd);
        await Gateway.Services.GetRequiredService<PortalAccountService>()
            .CreateAsync(new PortalAccountInput(username, "Pengguna " + username, role, opd, Password), mustChangePassword, CancellationToken.None);
    }

    /// <summary>Signs in through the login form; returns the page on the portal's start page.</summary>
    public static async Task SignInAsync(IPage page, string username, string password = Password)
    {
        await page.GotoAsync("/portal/masuk");
        await page.GetByLabel("Nama pengguna").FillAsync(username);
        await page.GetByLabel("Kata sandi", new PageGetByLabelOptions { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Masuk", Exact = true }).ClickAsync();
    }

    public ValueTask DisposeAsync() => Gateway.DisposeAsync();
}
