using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// The portal is usable on a phone (the issue's "a laptop and a phone"): each main page, opened at a phone's width by
/// the role that uses it, fits the screen without sideways scrolling of the page itself (wide tables scroll inside their
/// own frame) and passes the checks every page passes. Screenshots are saved with a "-phone" suffix.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class PhoneLayoutTests(PortalBrowser browser)
{
    [Fact]
    public async Task The_main_pages_fit_a_phone_screen_for_each_role()
    {
        await using var upstream = await StubUpstream.StartAsync("layanan");
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("admin", PortalRole.PlatformAdministrator);
        await site.CreateAccountAsync("penerbit", PortalRole.ApiPublisher, "dinkes");
        await site.CreateAccountAsync("pengembang", PortalRole.ApplicationDeveloper, "dinkes");
        await site.CreateAccountAsync("peninjau", PortalRole.OperationalReviewer);
        await site.CreateAccountAsync("auditor", PortalRole.SecurityAuditor);
        var api = await site.Gateway.PublishPublicApiAsync("dinkes", "fasilitas-kesehatan-daerah", "v1", [upstream.BaseUrl]);
        await site.Gateway.Client.GetAsync("/dinkes/fasilitas-kesehatan-daerah/v1/daftar");

        var pagesByAccount = new Dictionary<string, string[]>
        {
            ["admin"] = ["/portal/", "/portal/pengguna", "/portal/opd", "/portal/sla"],
            ["penerbit"] = ["/portal/api", "/portal/api/baru", "/portal/langganan"],
            ["pengembang"] = ["/portal/katalog", $"/portal/katalog/{api}", "/portal/aplikasi"],
            ["peninjau"] = ["/portal/tinjauan"],
            ["auditor"] = ["/portal/keamanan/", "/portal/keamanan/rantai"],
        };
        await using (var context = await browser.NewContextAsync(site.BaseUrl, phone: true))
        {
            // The API was registered through the admin API without an OpenAPI document: the page says so plainly.
            var page = await context.NewPageAsync();
            await PortalSite.SignInAsync(page, "pengembang");
            await page.GotoAsync($"/portal/katalog/{api}");
            Assert.Contains("tanpa dokumen OpenAPI", await page.Locator("#no-document").TextContentAsync());
            Assert.Equal(0, await page.Locator("#swagger-ui").CountAsync());
        }

        foreach (var (account, paths) in pagesByAccount)
        {
            await using var context = await browser.NewContextAsync(site.BaseUrl, phone: true);
            var page = await context.NewPageAsync();
            await PortalSite.SignInAsync(page, account);
            foreach (var path in paths)
            {
                var response = await page.GotoAsync(path);
                Assert.True(response is { Ok: true }, $"{account} opening {path} got {response?.Status}");
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                if (overflow > 0)
                {
                    // Name the elements that stick out, so that a failure says what to fix.
                    var culprits = await page.EvaluateAsync<string[]>("""
                        () => [...document.querySelectorAll('body *')]
                            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/ +/).join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
                            .slice(-8)
                        """);
                    Assert.Fail($"{path} is {overflow} px wider than a phone's screen for {account}: {string.Join(", ", culprits)}");
                }
                await PageChecks.CheckAsync(page, $"{account}{path.Replace(api.ToString(), "api").Replace('/', '-').TrimEnd('-')}-phone");
            }
        }
    }

    /// <summary>
    /// Issue 19 item 9: on a phone the wide tables of the administration, the SLA report and the audit list are cards, not
    /// frames that scroll sideways: nothing inside them reaches past the screen, and the SLA verdict is in view.
    /// </summary>
    [Fact]
    public async Task Wide_tables_are_cards_on_a_phone_with_the_SLA_verdict_in_view()
    {
        await using var upstream = await StubUpstream.StartAsync("layanan");
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("admin", PortalRole.PlatformAdministrator);
        await site.CreateAccountAsync("auditor", PortalRole.SecurityAuditor);
        await site.Gateway.PublishPublicApiAsync("dinkes", "fasilitas-kesehatan-daerah-kota", "v1", [upstream.BaseUrl]);
        await site.Gateway.Client.GetAsync("/dinkes/fasilitas-kesehatan-daerah-kota/v1/daftar");

        foreach (var (account, paths) in new[] { ("admin", new[] { "/portal/pengguna", "/portal/paket", "/portal/opd", "/portal/sla" }), ("auditor", new[] { "/portal/keamanan/", "/portal/sla" }) })
        {
            await using var context = await browser.NewContextAsync(site.BaseUrl, phone: true);
            var page = await context.NewPageAsync();
            await PortalSite.SignInAsync(page, account);
            foreach (var path in paths)
            {
                await page.GotoAsync(path);
                var scrolling = await page.EvaluateAsync<string[]>("""
                    () => [...document.querySelectorAll('.table')]
                        .filter(frame => frame.scrollWidth > frame.clientWidth + 1)
                        .map(frame => (frame.querySelector('table')?.id || frame.querySelector('table')?.className || 'table') + ' ' + frame.scrollWidth + '>' + frame.clientWidth)
                    """);
                Assert.True(scrolling.Length == 0, $"{path} has tables that scroll sideways on a phone for {account}: {string.Join(", ", scrolling)}");
            }
            var verdict = page.Locator("#sla-apis tbody tr", new() { HasText = "fasilitas-kesehatan-daerah-kota" }).Locator("td").Last;
            Assert.Contains("Memenuhi", await verdict.InnerTextAsync());
            var box = await verdict.BoundingBoxAsync();
            Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= 390.5, $"the SLA verdict is outside the phone's screen: {box?.X}+{box?.Width}");
            await PageChecks.CheckAsync(page, $"ponsel-kartu-{account}-sla");
        }
    }
}
