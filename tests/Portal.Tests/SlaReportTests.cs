using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// The SLA report in the portal (Kota Bekasi Pasal 60 ayat (3) huruf m: at least 95% availability per API): real
/// exchanges through the gateway, the report per OPD and per API with the API below the floor marked, the same CSV as
/// the admin API, each publisher limited to their own OPD, developers refused; the catalog's measured availability.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class SlaReportTests(PortalBrowser browser)
{
    [Fact]
    public async Task Oversight_sees_every_API_against_the_floor_and_its_CSV_a_publisher_only_their_OPD_a_developer_nothing_and_the_catalog_shows_the_measured_availability()
    {
        await using var upstream = await StubUpstream.StartAsync("layanan");
        upstream.Handler = async context =>
        {
            if (context.Request.Path.Value == "/gagal")
                context.Response.StatusCode = 500;
            else
                await context.Response.WriteAsync("{}");
        };
        // A generous latency threshold: a busy test machine must not turn a good answer into a slow one.
        await using var site = await PortalSite.StartAsync(new Dictionary<string, string?> { ["Sla:LatencyThreshold"] = "00:00:30" });
        await site.CreateAccountAsync("auditor", PortalRole.SecurityAuditor);
        await site.CreateAccountAsync("penerbit.disdukcapil", PortalRole.ApiPublisher, "disdukcapil");
        await site.CreateAccountAsync("pengembang", PortalRole.ApplicationDeveloper, "dinkes");
        var faskes = await site.Gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        await site.Gateway.PublishPublicApiAsync("disdukcapil", "penduduk", "v1", [upstream.BaseUrl]);
        var quiet = await site.Gateway.PublishPublicApiAsync("dinkes", "sepi", "v1", [upstream.BaseUrl]);

        // dinkes/faskes/v1: 6 of 10 answered well (the upstream fails 4 with 500), 60%, below the 95% floor.
        foreach (var (path, times) in new[] { ("ok", 6), ("gagal", 4) })
        {
            for (var i = 0; i < times; i++)
                await site.Gateway.Client.GetAsync($"/dinkes/faskes/v1/{path}");
        }
        // disdukcapil/penduduk/v1: 3 of 3, 100%.
        for (var i = 0; i < 3; i++)
            await site.Gateway.Client.GetAsync("/disdukcapil/penduduk/v1/ok");

        await using var auditorContext = await browser.NewContextAsync(site.BaseUrl);
        var auditor = await auditorContext.NewPageAsync();
        await PortalSite.SignInAsync(auditor, "auditor");
        await auditor.GetByRole(AriaRole.Navigation, new() { Name = "Menu utama" }).GetByRole(AriaRole.Link, new() { Name = "Laporan SLA" }).ClickAsync();
        Assert.EndsWith("/portal/sla", auditor.Url);
        var row = auditor.Locator("#sla-apis tbody tr", new() { HasText = "dinkes/faskes/v1" });
        Assert.Equal(["dinkes/faskes/v1", "dinkes", "60%", "10", "4", "0", "✘ Di bawah batas minimum"], await CellsAsync(row));
        Assert.Equal("below-floor", await row.GetAttributeAsync("class"));
        Assert.Equal(["disdukcapil/penduduk/v1", "disdukcapil", "100%", "3", "0", "0", "✔ Memenuhi"],
            await CellsAsync(auditor.Locator("#sla-apis tbody tr", new() { HasText = "disdukcapil/penduduk/v1" })));
        Assert.Equal(["dinkes/sepi/v1", "dinkes", "—", "0", "0", "0", "belum ada lalu lintas"],
            await CellsAsync(auditor.Locator("#sla-apis tbody tr", new() { HasText = "dinkes/sepi/v1" })));
        // The OPD weighs its requests together: 6 of 10 over two APIs, one of them unused.
        Assert.Equal(["dinkes", "2", "60%", "10", "4", "0", "✘ Di bawah batas minimum"],
            await CellsAsync(auditor.Locator("#sla-opds tbody tr", new() { HasText = "dinkes" })));
        await PageChecks.CheckAsync(auditor, "sla-laporan");

        // The CSV is the admin API's, row for row; only the report's end time ("now") differs between two requests.
        var csvLink = await auditor.GetByRole(AriaRole.Link, new() { Name = "Unduh laporan ini (CSV)" }).GetAttributeAsync("href");
        Assert.Equal("/portal/sla.csv?window=30d", csvLink);
        var csv = await auditorContext.APIRequest.GetAsync(csvLink!);
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"]);
        var adminCsv = await site.Gateway.Admin.GetStringAsync("/admin/v1/sla.csv?window=30d");
        Assert.Equal(WithoutTimes(adminCsv), WithoutTimes(await csv.TextAsync()));
        Assert.Contains(WithoutTimes(adminCsv), l => l == "api,dinkes,dinkes/faskes/v1,30d,10,6,4,0,0.6,0.95,true");

        // The last day: the same exchanges.
        await auditor.GetByRole(AriaRole.Link, new() { Name = "1 hari" }).ClickAsync();
        Assert.EndsWith("/portal/sla?window=1d", auditor.Url);
        Assert.Equal("page", await auditor.GetByRole(AriaRole.Link, new() { Name = "1 hari" }).GetAttributeAsync("aria-current"));
        Assert.Equal("60%", (await CellsAsync(auditor.Locator("#sla-apis tbody tr", new() { HasText = "dinkes/faskes/v1" })))[2]);
        Assert.Equal(400, (await auditor.GotoAsync("/portal/sla?window=7d"))!.Status);

        // A publisher sees their own OPD's APIs only, on the page and in the CSV.
        await using var publisherContext = await browser.NewContextAsync(site.BaseUrl);
        var publisher = await publisherContext.NewPageAsync();
        await PortalSite.SignInAsync(publisher, "penerbit.disdukcapil");
        await publisher.GotoAsync("/portal/sla");
        Assert.Equal(["disdukcapil/penduduk/v1"], await publisher.Locator("#sla-apis tbody th").AllInnerTextsAsync());
        Assert.Equal(["disdukcapil"], await publisher.Locator("#sla-opds tbody th").AllInnerTextsAsync());
        var publisherCsv = await (await publisherContext.APIRequest.GetAsync("/portal/sla.csv?window=1d")).TextAsync();
        Assert.Contains("disdukcapil/penduduk/v1", publisherCsv);
        Assert.DoesNotContain("dinkes", publisherCsv);

        // A developer has no SLA report: no menu entry, refused page and CSV.
        await using var developerContext = await browser.NewContextAsync(site.BaseUrl);
        var developer = await developerContext.NewPageAsync();
        await PortalSite.SignInAsync(developer, "pengembang");
        Assert.Equal(0, await developer.GetByRole(AriaRole.Link, new() { Name = "Laporan SLA" }).CountAsync());
        Assert.Equal(403, (await developer.GotoAsync("/portal/sla"))!.Status);
        Assert.Equal(403, (await developerContext.APIRequest.GetAsync("/portal/sla.csv")).Status);

        // The catalog shows what was measured beside the target, or that nobody called the API yet.
        await developer.GotoAsync($"/portal/katalog/{faskes}");
        var measured = await developer.Locator("#sla-measured").InnerTextAsync();
        Assert.Contains("30 hari: 60% (dari 10 permintaan, Di bawah batas minimum)", measured);
        Assert.Contains("1 hari: 60% (dari 10 permintaan, Di bawah batas minimum)", measured);
        await PageChecks.CheckAsync(developer, "katalog-api-sla");
        await developer.GotoAsync($"/portal/katalog/{quiet}");
        Assert.Equal("30 hari: belum ada lalu lintas\n1 hari: belum ada lalu lintas", await developer.Locator("#sla-measured").InnerTextAsync());
    }

    [Fact]
    public async Task With_measurement_switched_off_the_catalog_says_not_measured_rather_than_no_traffic()
    {
        await using var upstream = await StubUpstream.StartAsync("layanan");
        await using var site = await PortalSite.StartAsync(new Dictionary<string, string?> { ["Sla:Enabled"] = "false" });
        await site.CreateAccountAsync("pengembang", PortalRole.ApplicationDeveloper, "dinkes");
        var api = await site.Gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        await site.Gateway.Client.GetAsync("/dinkes/faskes/v1/ok");

        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "pengembang");
        await page.GotoAsync($"/portal/katalog/{api}");

        Assert.Equal("tidak diukur oleh gateway ini", (await page.Locator("#sla-measured").InnerTextAsync()).Trim());
    }

    private static async Task<string[]> CellsAsync(ILocator row) =>
        (await row.Locator("th, td").AllInnerTextsAsync()).Select(c => c.Trim()).ToArray();

    /// <summary>The CSV's lines without the from and to columns (5th and 6th), which name the moment of the request.</summary>
    private static string[] WithoutTimes(string csv) => csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.Split(','))
        .Select(fields => string.Join(',', fields.Take(4).Concat(fields.Skip(6))))
        .ToArray();
}
