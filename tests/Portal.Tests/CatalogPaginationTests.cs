using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// The catalog at a province's scale (issue 19 item 10): one page of APIs at a time with the total and page links
/// that keep the search; the search, the filters and the count run over all APIs, not over the page shown; on a
/// phone each API is a card, with no table wider than the screen.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class CatalogPaginationTests(PortalBrowser browser)
{
    [Fact]
    public async Task The_catalog_lists_one_page_at_a_time_and_its_search_runs_over_every_API()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("pengembang", PortalRole.ApplicationDeveloper, "dinkes");
        for (var i = 1; i <= 23; i++)
            await site.Gateway.RegisterApiAsync(i % 2 == 0 ? "dinkes" : "disdukcapil", $"layanan-{i:00}", "v1", ["https://layanan.example.go.id"], through: "Published");
        await site.Gateway.RegisterApiAsync("bapenda", "pajak-daerah", "v1", ["https://pajak.example.go.id"], through: "Approved"); // not routed: never listed

        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "pengembang");
        await page.GotoAsync("/portal/katalog");

        var rows = page.Locator("table.catalog tbody tr");
        Assert.Equal("23 API", await page.Locator("#catalog-count").InnerTextAsync());
        Assert.Equal(20, await rows.CountAsync());
        var pager = page.GetByRole(AriaRole.Navigation, new() { Name = "Halaman" });
        Assert.Contains("Halaman 1 dari 2", await pager.InnerTextAsync());
        await PageChecks.CheckAsync(page, "katalog-halaman-1");

        await pager.GetByRole(AriaRole.Link, new() { Name = "Berikutnya ›" }).ClickAsync();
        Assert.Equal(3, await rows.CountAsync());
        Assert.Contains("Halaman 2 dari 2", await pager.InnerTextAsync());
        Assert.DoesNotContain("pajak-daerah", await page.Locator("main").InnerTextAsync());

        // A search over all APIs, its filter kept by the page links.
        await page.GotoAsync("/portal/katalog?opd=dinkes");
        Assert.Equal("11 API", await page.Locator("#catalog-count").InnerTextAsync());
        Assert.Equal(0, await pager.CountAsync());
        await page.GetByLabel("Cari").FillAsync("LAYANAN-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).ClickAsync();
        Assert.Equal("2 API", await page.Locator("#catalog-count").InnerTextAsync()); // layanan-20, layanan-22 of dinkes
        Assert.Contains("opd=dinkes", page.Url);

        // A page past the end shows the last one rather than an empty list.
        await page.GotoAsync("/portal/katalog?halaman=99");
        Assert.Equal(3, await rows.CountAsync());
    }

    [Fact]
    public async Task On_a_phone_each_API_of_the_catalog_is_a_card()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("pengembang", PortalRole.ApplicationDeveloper, "dinkes");
        await site.Gateway.RegisterApiAsync("dinkes", "fasilitas-kesehatan-daerah", "v1", ["https://faskes.example.go.id"], through: "Published");
        await using var context = await browser.NewContextAsync(site.BaseUrl, phone: true);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "pengembang");
        await page.GotoAsync("/portal/katalog");

        var card = page.Locator("table.catalog tbody tr").First;
        var box = await card.BoundingBoxAsync();
        Assert.True(box!.Width <= 390, $"the card is {box.Width} px wide on a 390 px screen");
        Assert.Equal("none", await page.Locator("table.catalog thead").EvaluateAsync<string>("e => getComputedStyle(e).display === 'none' || e.getBoundingClientRect().height <= 1 ? 'none' : 'shown'"));
        // The classification, hidden off-screen in the old wide table, is read on the card with its name.
        var classification = card.Locator("td[data-label='Klasifikasi informasi']");
        Assert.True(await classification.IsVisibleAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelector('table.catalog').closest('.table').scrollWidth - document.querySelector('table.catalog').closest('.table').clientWidth"));
        await PageChecks.CheckAsync(page, "katalog-phone");
    }
}
