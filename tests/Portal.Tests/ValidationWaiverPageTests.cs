using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// A security reviewer's validation waiver (issue 18) is shown on the API's catalog page in one line, with its reason
/// and expiry; an API with its OpenAPI document shows none.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class ValidationWaiverPageTests(PortalBrowser browser)
{
    [Fact]
    public async Task The_catalog_page_of_an_api_without_a_document_shows_its_waiver_with_reason_and_expiry()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("pengembang", PortalRole.ApplicationDeveloper, "dinkes");
        // Registered without a document, Restricted: the test helper records a waiver before publishing it.
        var waived = await site.Gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", ["https://faskes.example.go.id"], allowInsecure: false);
        var expires = DateTimeOffset.UtcNow.AddDays(180).ToString("yyyy-MM-dd");

        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "pengembang");
        await page.GotoAsync($"{site.BaseUrl}/portal/katalog/{waived}");

        var line = await page.Locator("#validation-waiver").InnerTextAsync();
        Assert.Contains("Test API without an OpenAPI document", line);
        Assert.Contains($"sampai {expires}", line);
    }
}
