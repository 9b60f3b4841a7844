using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// The catalog's example request (issue 19 item 7): it runs as printed (a required query parameter is in it, with a
/// value the document accepts, so the gateway's validation lets it through instead of answering 400), in curl and in
/// Python, each with a copy button and in a box the keyboard can reach and scroll.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed partial class CatalogExampleTests(PortalBrowser browser)
{
    private static string Document() => new JsonObject
    {
        ["openapi"] = "3.0.3",
        ["info"] = new JsonObject { ["title"] = "Wilayah", ["version"] = "1.0.0" },
        ["paths"] = new JsonObject
        {
            // First, but its path parameter has a pattern and no example: no value the document accepts can be printed.
            ["/penduduk/{nik}"] = new JsonObject
            {
                ["get"] = new JsonObject
                {
                    ["operationId"] = "bacaPenduduk",
                    ["parameters"] = new JsonArray(new JsonObject { ["name"] = "nik", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]{16}$" } }),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "ok" } },
                },
            },
            ["/wilayah"] = new JsonObject
            {
                ["get"] = new JsonObject
                {
                    ["operationId"] = "daftarWilayah",
                    ["parameters"] = new JsonArray(
                        new JsonObject { ["name"] = "kode", ["in"] = "query", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]{4}$", ["example"] = "3275" } },
                        new JsonObject { ["name"] = "halaman", ["in"] = "query", ["required"] = false, ["schema"] = new JsonObject { ["type"] = "integer" } }),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "ok" } },
                },
            },
        },
    }.ToJsonString();

    [Fact]
    public async Task The_example_runs_as_printed_with_its_required_query_parameter_in_curl_and_Python_with_copy_buttons()
    {
        await using var upstream = await StubUpstream.StartAsync("wilayah");
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("pengembang", PortalRole.ApplicationDeveloper, "dinkes");
        var api = await site.Gateway.PublishApiAsync("bappeda", "wilayah", "v1", [upstream.BaseUrl], openApi: Document());
        var caller = await site.Gateway.CreateCallerAsync(api, opd: "dinkes");

        await using var context = await browser.NewContextAsync(site.BaseUrl);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = site.BaseUrl });
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "pengembang");
        await page.GotoAsync($"/portal/katalog/{api}");

        var curl = await page.Locator("#example-curl").InnerTextAsync();
        var url = CurlUrl().Match(curl) is { Success: true } m ? m.Groups["url"].Value : throw new Xunit.Sdk.XunitException($"no API URL in the example: {curl}");
        Assert.EndsWith("/bappeda/wilayah/v1/wilayah?kode=3275", url);
        // As printed, with the application's token: through the gateway's validation to the service.
        var answer = await caller.GetAsync(url);
        Assert.Equal(200, (int)answer.StatusCode);
        var received = Assert.Single(upstream.Received, r => r.Path.EndsWith("/wilayah", StringComparison.Ordinal));
        Assert.Contains("kode=3275", received.Query);

        // The same call in Python, with the same URL.
        Assert.Contains($"urllib.request.Request(\"{url}\"", await page.Locator("#example-python").InnerTextAsync());

        // Each box is reachable with the keyboard (so it can be scrolled with the arrows) and has a copy button.
        foreach (var id in new[] { "example-curl", "example-python" })
            Assert.Equal("0", await page.Locator($"pre:has(#{id})").GetAttributeAsync("tabindex"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Salin contoh curl" }).ClickAsync();
        Assert.Equal(curl.Trim(), (await page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).Trim());
        Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Salin contoh Python" }).CountAsync());
        await PageChecks.CheckAsync(page, "katalog-api-contoh");
    }

    [GeneratedRegex(@"curl -H ""Authorization: Bearer \$TOKEN"" '(?<url>[^']+)'")]
    private static partial Regex CurlUrl();
}
