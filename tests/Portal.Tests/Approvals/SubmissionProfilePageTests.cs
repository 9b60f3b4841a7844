using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SpbeConnector.Portal.Onboarding;
using SpbeConnector.Portal.Security;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests.Approvals;

/// <summary>
/// A draft without its registration profile (one stored before the profile was required) is not submitted through the
/// portal either (issue 18): the API page names each missing field and links to it on the change form, where the
/// publisher completes it; then the draft is submitted.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class SubmissionProfilePageTests(PortalBrowser browser)
{
    private static readonly PortalPrincipal Registrar = new(Guid.NewGuid(), "penerbit", PortalRole.ApiPublisher, "disdukcapil", false);

    [Fact]
    public async Task A_draft_without_its_registration_profile_is_refused_at_submission_naming_what_is_missing_beside_a_link_to_the_field()
    {
        await using var site = await PortalSite.StartAsync(new Dictionary<string, string?> { ["Portal:ApprovalProfile"] = BuiltInApprovalProfiles.KotaBekasi });
        await site.CreateAccountAsync("penerbit", PortalRole.ApiPublisher, "disdukcapil");
        var workflow = site.Gateway.Services.GetRequiredService<OnboardingWorkflow>();
        var api = await workflow.RegisterAsync(Registrar, new ApiRegistration("disdukcapil", "Layanan Data Kependudukan", "kependudukan", "v1", null,
            "https://kependudukan.disdukcapil.example.go.id", false, SampleDocuments.KependudukanWithSecurity(site.BaseUrl + "/oauth2/token"),
            InformationClassification.Restricted, ["Bronze"], [], "layanan@disdukcapil.example.go.id", "PSE-1", "99.5"), CancellationToken.None);
        // As a draft stored before the profile was required: no owner contact, no PSE number.
        var contexts = site.Gateway.Services.GetRequiredService<IDbContextFactory<RegistryDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var stored = await db.ApiProfiles.SingleAsync(p => p.ApiId == api.Id);
            stored.OwnerContact = "";
            stored.PseRegistrationNumber = "";
            await db.SaveChangesAsync();
        }

        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "penerbit");
        await page.GotoAsync($"/portal/api/{api.Id}");
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Ajukan", Exact = true }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        var missing = await page.Locator("#profile-missing").InnerTextAsync();
        Assert.Contains("profil pendaftaran API belum lengkap", missing);
        Assert.Contains("Kontak pemilik layanan", missing);
        Assert.Contains("Nomor pendaftaran PSE", missing);
        Assert.DoesNotContain("Target SLA", missing);
        Assert.Contains("wajib dilengkapi sebelum pengajuan", await page.Locator(".notice.error[role=alert]").InnerTextAsync());
        await PageChecks.CheckAsync(page, "api-profil-belum-lengkap");
        var catalog = site.Gateway.Services.GetRequiredService<ApiCatalog>();
        Assert.Equal(ApiStatus.Draft, (await catalog.FindApiAsync(api.Id, CancellationToken.None))!.Status);

        // The link leads to the field on the change form, where the publisher completes the profile.
        await page.Locator("#profile-missing").GetByRole(AriaRole.Link, new() { Name = "Nomor pendaftaran PSE" }).ClickAsync();
        Assert.EndsWith($"/portal/api/{api.Id}/ubah#f-pseRegistrationNumber", page.Url);
        await page.GetByLabel("Nomor pendaftaran PSE").FillAsync("PSE-001234.01/2026");
        await page.GetByLabel("Kontak pemilik layanan").FillAsync("layanan@disdukcapil.example.go.id");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan draf" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajukan", Exact = true }).ClickAsync();
        Assert.Equal(0, await page.Locator("#profile-missing").CountAsync());
        Assert.Equal(ApiStatus.Submitted, (await catalog.FindApiAsync(api.Id, CancellationToken.None))!.Status);
        Assert.Equal("PSE-001234.01/2026", (await catalog.FindApiProfileAsync(api.Id, CancellationToken.None))!.PseRegistrationNumber);
    }
}
