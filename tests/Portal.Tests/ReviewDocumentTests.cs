using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Onboarding;
using SpbeConnector.Portal.Security;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// Reviewers see what they approve (issue 19 item 1; the security sign-off of Kota Bekasi Pasal 22 ayat (3) huruf d is
/// made on the document that will be enforced): the review page renders the operations of the revision under review,
/// links its JSON through the portal session to those who may see the API's onboarding (not to a developer, not through
/// the catalog before publication), and after a rejection shows what changed since the revision last approved.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class ReviewDocumentTests(PortalBrowser browser)
{
    private static readonly PortalPrincipal Publisher = new(Guid.NewGuid(), "penerbit", PortalRole.ApiPublisher, "disdukcapil", false);
    private static readonly PortalPrincipal Operations = new(Guid.NewGuid(), "operasi", PortalRole.OperationalReviewer, null, false);
    private static readonly PortalPrincipal Security = new(Guid.NewGuid(), "keamanan", PortalRole.SecurityReviewer, null, false);

    [Fact]
    public async Task Reviewers_read_the_document_under_review_and_what_changed_since_the_approved_revision_before_publication()
    {
        await using var site = await PortalSite.StartAsync(new Dictionary<string, string?> { ["Portal:ApprovalProfile"] = "kota-bekasi" });
        await site.CreateAccountAsync("penerbit", PortalRole.ApiPublisher, "disdukcapil");
        await site.CreateAccountAsync("operasi", PortalRole.OperationalReviewer);
        await site.CreateAccountAsync("pengembang", PortalRole.ApplicationDeveloper, "dinkes");
        var workflow = site.Gateway.Services.GetRequiredService<OnboardingWorkflow>();
        var tokenUrl = site.BaseUrl + "/oauth2/token";
        var first = WithScope(SampleDocuments.KependudukanWithSecurity(tokenUrl), "penduduk.baca");
        var api = await workflow.RegisterAsync(Publisher, new ApiRegistration("disdukcapil", "Layanan Data Kependudukan", "kependudukan", "v1", null,
            "https://kependudukan.disdukcapil.example.go.id", false, first, InformationClassification.Restricted, ["Bronze"], [],
            "layanan@disdukcapil.example.go.id", "PSE-1", "99.5"), CancellationToken.None);
        Assert.True((await workflow.SubmitAsync(Publisher, api.Id, CancellationToken.None)).Submitted);

        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "operasi");
        await page.GotoAsync($"/portal/api/{api.Id}");
        var operations = page.Locator("#review-operations");
        var table = await operations.InnerTextAsync();
        Assert.Contains("/penduduk/{nik}", table);
        Assert.Contains("Ambil data penduduk berdasarkan NIK", table);
        Assert.Contains("nik (path)", table);
        Assert.Contains("PermintaanVerifikasi", table);
        Assert.Contains("penduduk.baca (oauth2)", table);
        Assert.Equal(3, await operations.Locator("tbody tr").CountAsync());
        Assert.Equal(0, await page.Locator("#review-diff").CountAsync());
        await PageChecks.CheckAsync(page, "tinjauan-api-dokumen");

        // The JSON of the revision under review, through the reviewer's session.
        var link = await page.GetByRole(AriaRole.Link, new() { Name = "Buka dokumen (JSON)" }).GetAttributeAsync("href");
        var document = await context.APIRequest.GetAsync(link!);
        Assert.Equal(200, document.Status);
        Assert.StartsWith("application/json", document.Headers["content-type"]);
        Assert.Equal("3.0.3", JsonDocument.Parse(await document.TextAsync()).RootElement.GetProperty("openapi").GetString());

        // Not published: the catalog's document answers with a problem in the portal's language.
        var catalogDocument = await context.APIRequest.GetAsync($"/portal/katalog/{api.Id}/openapi.json");
        Assert.Equal(404, catalogDocument.Status);
        var problem = JsonDocument.Parse(await catalogDocument.TextAsync()).RootElement;
        Assert.Equal("Dokumen OpenAPI tidak tersedia", problem.GetProperty("title").GetString());
        Assert.DoesNotContain("published", problem.GetProperty("detail").GetString());

        // A developer does not read an unpublished API's document through the review link.
        await using (var developerContext = await browser.NewContextAsync(site.BaseUrl))
        {
            var developer = await developerContext.NewPageAsync();
            await PortalSite.SignInAsync(developer, "pengembang");
            var refused = await developerContext.APIRequest.GetAsync(link!);
            Assert.Equal(404, refused.Status);
            Assert.DoesNotContain("/penduduk/{nik}", await refused.TextAsync());
        }

        // Operations approve revision 1, security rejects; the publisher changes the document and submits again.
        await workflow.DecideAsync(Operations, api.Id, true, "Kapasitas memadai.", CancellationToken.None);
        await workflow.DecideAsync(Security, api.Id, false, "Verifikasi harus meminta cakupan khusus.", CancellationToken.None);
        var second = JsonNode.Parse(first)!.AsObject();
        var paths = second["paths"]!.AsObject();
        paths.Remove("/kecamatan");
        var family = paths["/penduduk/{nik}"]!.DeepClone();
        family["get"]!["operationId"] = "getKeluarga";
        family["get"]!["summary"] = "Anggota keluarga";
        paths["/penduduk/{nik}/keluarga"] = family;
        paths["/penduduk/verifikasi"]!["post"]!["security"] = JsonNode.Parse("""[{"oauth2":["penduduk.verifikasi"]}]""");
        await workflow.ReplaceDocumentAsync(Publisher, api.Id, second.ToJsonString(), CancellationToken.None);
        var (resubmitted, findings) = await workflow.SubmitAsync(Publisher, api.Id, CancellationToken.None);
        Assert.True(resubmitted, string.Join("; ", findings.Select(f => f.Rule + " " + f.Location)));

        await page.GotoAsync($"/portal/api/{api.Id}");
        Assert.Contains("Dibandingkan dengan revisi 1", await page.Locator("#review-diff").InnerTextAsync());
        Assert.Contains("/penduduk/{nik}/keluarga", await page.Locator("#review-diff-added").InnerTextAsync());
        Assert.Contains("/kecamatan", await page.Locator("#review-diff-removed").InnerTextAsync());
        var changed = await page.Locator("#review-diff-changed").InnerTextAsync();
        Assert.Contains("/penduduk/verifikasi", changed);
        Assert.Contains("penduduk.verifikasi (oauth2)", changed);
        Assert.Equal(1, await page.Locator("#review-diff-changed tbody tr").CountAsync());
        await PageChecks.CheckAsync(page, "tinjauan-api-perubahan");
        var approved = await context.APIRequest.GetAsync((await page.GetByRole(AriaRole.Link, new() { Name = "Buka revisi 1 (JSON)" }).GetAttributeAsync("href"))!);
        Assert.True(JsonDocument.Parse(await approved.TextAsync()).RootElement.GetProperty("paths").TryGetProperty("/kecamatan", out _));
    }

    /// <summary>The sample with an OAuth scope required on every operation, so that the page must show it.</summary>
    private static string WithScope(string document, string scope)
    {
        var node = JsonNode.Parse(document)!.AsObject();
        node["security"] = new JsonArray(new JsonObject { ["oauth2"] = new JsonArray(scope) });
        node["components"]!["securitySchemes"]!["oauth2"]!["flows"]!["clientCredentials"]!["scopes"] = new JsonObject { [scope] = "Membaca data penduduk", ["penduduk.verifikasi"] = "Verifikasi" };
        return node.ToJsonString();
    }
}
