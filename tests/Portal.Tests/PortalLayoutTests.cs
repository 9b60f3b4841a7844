using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// The layout every page shares, now a Razor component rendered on the server (issue 19 item 11 and "one design
/// pass"): the regional government's name and logo from the settings, the current page marked in the menu, and on a
/// phone a menu folded behind a button that works with no script at all (the CSP allows no inline script).
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class PortalLayoutTests(PortalBrowser browser)
{
    private const string Logo = """<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#2e7d32"/></svg>""";

    [Fact]
    public async Task The_region_is_named_with_its_logo_and_the_current_page_is_marked_in_the_menu()
    {
        var logo = Path.Combine(Path.GetTempPath(), $"spbe-logo-{Guid.NewGuid():N}.svg");
        await File.WriteAllTextAsync(logo, Logo);
        try
        {
            await using var site = await PortalSite.StartAsync(new Dictionary<string, string?>
            {
                ["Portal:RegionName"] = "Pemerintah Kota Bekasi",
                ["Portal:RegionLogoPath"] = logo,
            });
            await site.CreateAccountAsync("auditor", PortalRole.SecurityAuditor);
            await using var context = await browser.NewContextAsync(site.BaseUrl);
            var page = await context.NewPageAsync();
            await PortalSite.SignInAsync(page, "auditor");
            var response = await page.GotoAsync("/portal/keamanan/rantai");

            var header = page.Locator("header.top");
            Assert.Contains("Pemerintah Kota Bekasi", await header.InnerTextAsync());
            Assert.Contains("Pemerintah Kota Bekasi", await page.TitleAsync() + await page.Locator("footer").InnerTextAsync());
            Assert.True(await page.EvaluateAsync<bool>("() => { const i = document.querySelector('header .brand img'); return !!i && i.complete && i.naturalWidth > 0; }"),
                "the configured logo is shown");

            // The audit chain page belongs to "Keamanan": that link, and only that one, is marked.
            var current = page.Locator("header nav a[aria-current=page]");
            Assert.Equal(1, await current.CountAsync());
            Assert.Equal("Keamanan", await current.InnerTextAsync());
            await page.GotoAsync("/portal/sla");
            Assert.Equal("Laporan SLA", await current.InnerTextAsync());

            // Still no script of any kind, and the policy that forbids it.
            Assert.Equal(0, await page.Locator("script").CountAsync());
            Assert.Contains("script-src 'self'", response!.Headers["content-security-policy"]);
            await PageChecks.CheckAsync(page, "tata-letak-wilayah");
        }
        finally
        {
            File.Delete(logo);
        }
    }

    [Fact]
    public async Task On_a_phone_the_menu_is_folded_behind_a_button_that_opens_it_without_script()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("admin", PortalRole.PlatformAdministrator);
        await using var context = await browser.NewContextAsync(site.BaseUrl, phone: true);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "admin");
        await page.GotoAsync("/portal/pengguna");

        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu utama" });
        Assert.False(await menu.IsVisibleAsync(), "the menu is folded on a phone");
        var header = await page.Locator("header.top").BoundingBoxAsync();
        Assert.True(header!.Height <= 100, $"the folded header takes {header.Height} px of 844");

        await page.GetByText("Menu", new() { Exact = true }).ClickAsync();
        Assert.True(await menu.IsVisibleAsync(), "the button opens the menu");
        Assert.True(await menu.GetByRole(AriaRole.Link, new() { Name = "Pengguna" }).IsVisibleAsync());
        await PageChecks.CheckAsync(page, "tata-letak-menu-phone");

        // The keyboard opens it too (Tab to the control, Space).
        await page.ReloadAsync();
        await page.Locator("#menu-toggle").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        Assert.True(await menu.IsVisibleAsync(), "Space on the focused menu control opens the menu");

        // On a desktop the menu is always open and the button is not there.
        await page.SetViewportSizeAsync(1366, 768);
        Assert.True(await menu.IsVisibleAsync());
        Assert.False(await page.GetByText("Menu", new() { Exact = true }).IsVisibleAsync());
    }
}
