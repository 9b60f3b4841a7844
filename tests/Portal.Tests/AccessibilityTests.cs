using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// axe-core on the administrator's pages (issue 19), their forms returned with errors, the SLA report and the API
/// documentation viewer (Swagger UI) in Indonesian and in English, at a laptop's 1366x768 and a phone's 390x844; no
/// serious or critical violation. Each page is also screenshotted ("layar-" and "ponsel-" artifacts) and passes the
/// checks every page passes (<see cref="PageChecks"/>).
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class AccessibilityTests(PortalBrowser browser)
{
    public static string Document() => new JsonObject
    {
        ["openapi"] = "3.0.3",
        ["info"] = new JsonObject { ["title"] = "Fasilitas kesehatan", ["version"] = "1.0.0" },
        ["paths"] = new JsonObject
        {
            ["/fasilitas"] = new JsonObject
            {
                ["get"] = new JsonObject
                {
                    ["operationId"] = "daftarFasilitas",
                    ["summary"] = "Daftar fasilitas kesehatan",
                    ["parameters"] = new JsonArray(new JsonObject { ["name"] = "kecamatan", ["in"] = "query", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string", ["example"] = "bekasi-utara" } }),
                    ["responses"] = new JsonObject
                    {
                        ["200"] = new JsonObject
                        {
                            ["description"] = "Daftar",
                            ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Fasilitas" } } },
                        },
                    },
                },
            },
        },
        ["components"] = new JsonObject
        {
            ["schemas"] = new JsonObject
            {
                ["Fasilitas"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["nama"] = new JsonObject { ["type"] = "string" } } },
            },
        },
    }.ToJsonString();

    [Fact]
    public async Task Every_page_of_every_role_has_no_serious_or_critical_axe_violation_on_a_laptop_and_a_phone()
    {
        await using var upstream = await StubUpstream.StartAsync("faskes");
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("admin", PortalRole.PlatformAdministrator);
        await site.CreateAccountAsync("penerbit", PortalRole.ApiPublisher, "dinkes");
        await site.CreateAccountAsync("pengembang", PortalRole.ApplicationDeveloper, "dinkes");
        var documented = await site.Gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl], openApi: Document());
        var bare = await site.Gateway.PublishPublicApiAsync("dinkes", "tanpa-dokumen", "v1", [upstream.BaseUrl]);
        await site.Gateway.Client.GetAsync("/dinkes/tanpa-dokumen/v1/daftar");

        // The administrator's pages, the SLA report and the documentation viewer (the pages of the portal's other
        // groups are to join this walk as their pages are rewritten as components).
        var pages = new (string Account, string[] Paths)[]
        {
            ("admin", ["/portal/pengguna", "/portal/pengguna/penerbit/nonaktifkan", "/portal/paket", "/portal/paket/Gold", "/portal/opd", "/portal/sla"]),
            ("pengembang", [$"/portal/katalog/{documented}"]),
        };
        foreach (var (screen, viewport) in new[] { ("layar", PortalBrowser.Laptop), ("ponsel", PortalBrowser.Phone) })
        {
            foreach (var (account, paths) in pages)
            {
                await using var context = await browser.NewContextAsync(site.BaseUrl, viewport);
                var page = await context.NewPageAsync();
                await PortalSite.SignInAsync(page, account);
                foreach (var path in paths)
                {
                    var response = await page.GotoAsync(path);
                    Assert.True(response is { Ok: true }, $"{account} opening {path} got {response?.Status}");
                    if (path == $"/portal/katalog/{documented}")
                        await page.Locator("#swagger-ui .opblock").First.WaitForAsync();
                    await CheckAsync(page, $"{screen}-{account}{Name(path, documented, bare)}");
                }
                await FormsWithErrorsAsync(page, account, screen);
            }
        }

        // The documentation viewer in English, its own labels included.
        await using (var english = await browser.NewContextAsync(site.BaseUrl, PortalBrowser.Laptop))
        {
            var page = await english.NewPageAsync();
            await PortalSite.SignInAsync(page, "pengembang");
            await english.AddCookiesAsync([new Cookie { Name = "spbe-portal-lang", Value = "en", Url = site.BaseUrl }]);
            await page.GotoAsync($"/portal/katalog/{documented}");
            await page.Locator("#swagger-ui .opblock").First.WaitForAsync();
            await CheckAsync(page, "layar-pengembang-katalog-api-en");
        }
        Assert.True(_violations.Count == 0, $"axe-core found serious or critical violations:\n{string.Join("\n", _violations)}");
    }

    /// <summary>The forms of the role sent with problems: the page that comes back, its errors beside the fields, passes too.</summary>
    private async Task FormsWithErrorsAsync(IPage page, string account, string screen)
    {
        switch (account)
        {
            case "admin":
                await page.GotoAsync("/portal/pengguna");
                await SubmitUncheckedAsync(page, "form[method=post][action='/portal/pengguna']", "Buat akun");
                await CheckAsync(page, $"{screen}-admin-pengguna-galat");
                await page.GotoAsync("/portal/paket");
                await page.Locator("form[method=post][action='/portal/paket']").GetByLabel("Permintaan per menit").FillAsync("banyak");
                await SubmitUncheckedAsync(page, "form[method=post][action='/portal/paket']", "Buat paket");
                await CheckAsync(page, $"{screen}-admin-paket-galat");
                await page.GotoAsync("/portal/opd");
                await SubmitUncheckedAsync(page, "form[method=post][action='/portal/opd']", "Daftarkan OPD");
                await CheckAsync(page, $"{screen}-admin-opd-galat");
                break;
        }
    }

    /// <summary>Sends a form as it is, past the browser's own checks (required fields), so that the server's answer is seen.</summary>
    private static async Task SubmitUncheckedAsync(IPage page, string form, string? button)
    {
        await page.Locator(form).EvaluateAsync("f => f.noValidate = true");
        var submit = button is null
            ? page.Locator(form).Locator("button[type=submit]").Last
            : page.Locator(form).GetByRole(AriaRole.Button, new() { Name = button });
        await submit.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>Every page's violations, gathered so that one run names all that is to fix.</summary>
    private readonly List<string> _violations = [];

    private async Task CheckAsync(IPage page, string name)
    {
        _violations.AddRange((await AxeChecks.ViolationsAsync(page)).Select(v => $"{name} ({new Uri(page.Url).PathAndQuery}): {v}"));
        await PageChecks.CheckAsync(page, name);
    }

    private static string Name(string path, Guid documented, Guid bare) =>
        path.Replace(documented.ToString(), "api").Replace(bare.ToString(), "api-tanpa-dokumen").Replace('/', '-').TrimEnd('-');
}
