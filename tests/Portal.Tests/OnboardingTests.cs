using System.Text;
using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// Onboarding in the browser: registration with the OpenAPI upload, the conformance check at submission (errors block,
/// warnings do not), the operational then security decisions (Kota Bekasi Pasal 22 ayat (3) huruf b-d), publication.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class OnboardingTests(PortalBrowser browser)
{
    [Fact]
    public async Task Publisher_onboards_the_sample_API_and_two_reviewers_approve_it_onto_the_gateway()
    {
        await using var upstream = await StubUpstream.StartAsync("disdukcapil");
        // The stub upstream speaks plain HTTP on loopback: this region weighs the HTTPS rule as a warning.
        await using var site = await PortalSite.StartAsync(new Dictionary<string, string?> { ["Portal:ConformanceRules:HttpsUpstream"] = "Warning" });
        await site.CreateAccountAsync("penerbit", PortalRole.ApiPublisher, "disdukcapil");
        await site.CreateAccountAsync("penerbit.lain", PortalRole.ApiPublisher, "dinkes");
        await site.CreateAccountAsync("operasi", PortalRole.OperationalReviewer);
        await site.CreateAccountAsync("keamanan", PortalRole.SecurityReviewer);

        var apiUrl = await OnboardingSteps.RegisterAndSubmitAsync(browser, site, upstream.BaseUrl);
        await OnboardingSteps.ApproveAsync(browser, site, apiUrl);

        // Another OPD's publisher neither sees the API's onboarding nor gets a decision form.
        await using var otherContext = await browser.NewContextAsync(site.BaseUrl);
        var other = await otherContext.NewPageAsync();
        await PortalSite.SignInAsync(other, "penerbit.lain");
        var response = await other.GotoAsync(apiUrl);
        Assert.Equal(404, response!.Status);
        await other.GotoAsync("/portal/api");
        Assert.DoesNotContain("Layanan Data Kependudukan", await other.ContentAsync());

        // Published: the route exists and asks for a token.
        await site.Gateway.WaitForRoutesAsync();
        var call = await site.Gateway.Client.GetAsync("/disdukcapil/kependudukan/v1/kecamatan");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, call.StatusCode);
    }
}

/// <summary>The onboarding steps other tests build on.</summary>
public static class OnboardingSteps
{
    /// <summary>Registers the sample, sees the blocking findings, replaces the document, submits; returns the API's page.</summary>
    public static async Task<string> RegisterAndSubmitAsync(PortalBrowser browser, PortalSite site, string upstreamUrl)
    {
        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "penerbit");
        await page.GotoAsync("/portal/api/baru");
        await page.GetByLabel("Nama", new() { Exact = true }).FillAsync("Layanan Data Kependudukan");
        await page.GetByLabel("Nama jalur API").FillAsync("kependudukan");
        await page.GetByLabel("Versi").FillAsync("v1");
        await page.GetByLabel("URL layanan asal (upstream)").FillAsync(upstreamUrl);
        await page.GetByLabel("Layanan asal di jaringan lokal").CheckAsync();
        await page.GetByLabel("Dokumen OpenAPI (unggah berkas)").SetInputFilesAsync(new FilePayload
        {
            Name = "kependudukan.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(SampleDocuments.Kependudukan),
        });
        await page.GetByLabel("Paket yang ditawarkan").FillAsync("Bronze 1000 permintaan/menit\nSilver 2000 permintaan/menit");
        await page.GetByLabel("Label").FillAsync("kependudukan, layanan-publik");
        await page.GetByLabel("Kontak pemilik layanan").FillAsync("layanan@disdukcapil.example.go.id");
        await page.GetByLabel("Nomor pendaftaran PSE").FillAsync("PSE-001234.01/2026");
        // An SLA above 100%: the form comes back saying so, with the document kept in the text field.
        await page.GetByLabel("Target SLA (% ketersediaan)").FillAsync("150");
        await page.GetByRole(AriaRole.Button, new() { Name = "Daftarkan", Exact = true }).ClickAsync();
        Assert.Contains("Target SLA (% ketersediaan): isi angka lebih dari 0 sampai 100", await page.ContentAsync());
        Assert.Contains("Layanan Data Kependudukan", await page.GetByLabel("…atau tempel isi dokumen OpenAPI").InputValueAsync());
        await PageChecks.CheckAsync(page, "api-daftar-galat");
        // Indonesian decimals use a comma; the portal accepts it.
        await page.GetByLabel("Target SLA (% ketersediaan)").FillAsync("99,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Daftarkan", Exact = true }).ClickAsync();
        Assert.Matches("/portal/api/[0-9a-f-]{36}$", page.Url);
        var apiUrl = new Uri(page.Url).AbsolutePath;

        // The shipped sample has no security requirement: submission is blocked and the findings say where.
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajukan", Exact = true }).ClickAsync();
        var content = await page.ContentAsync();
        Assert.Contains("Pengajuan tertahan", content);
        Assert.Contains("Setiap operasi wajib mensyaratkan autentikasi", content);
        Assert.Contains("/paths/~1kecamatan/get", content);
        await PageChecks.CheckAsync(page, "api-temuan-kesesuaian");

        await page.Locator("form[action$='/dokumen']").GetByLabel("Dokumen OpenAPI (unggah berkas)").SetInputFilesAsync(new FilePayload
        {
            Name = "kependudukan.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(SampleDocuments.KependudukanWithSecurity(site.BaseUrl + "/oauth2/token")),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ganti dokumen" }).ClickAsync();
        Assert.Contains("Dokumen OpenAPI diganti", await page.ContentAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajukan", Exact = true }).ClickAsync();
        content = await page.ContentAsync();
        Assert.Contains("API diajukan", content);
        // Warnings stay visible to publisher and reviewers without blocking.
        Assert.Contains("Layanan asal harus memakai HTTPS", content);
        Assert.Contains("Menunggu pertimbangan kelaikan operasi", content);
        return apiUrl;
    }

    /// <summary>The operational reviewer approves; the security reviewer first tries to reject without notes, then approves.</summary>
    public static async Task ApproveAsync(PortalBrowser browser, PortalSite site, string apiUrl)
    {
        await using var securityContext = await browser.NewContextAsync(site.BaseUrl);
        var security = await securityContext.NewPageAsync();
        await PortalSite.SignInAsync(security, "keamanan");
        await security.GotoAsync(apiUrl);
        Assert.Equal(0, await security.Locator("form[action$='/keputusan']").CountAsync());

        await using var operationsContext = await browser.NewContextAsync(site.BaseUrl);
        var operations = await operationsContext.NewPageAsync();
        await PortalSite.SignInAsync(operations, "operasi");
        await operations.GotoAsync("/portal/tinjauan");
        await PageChecks.CheckAsync(operations, "tinjauan-antrean");
        await operations.GetByRole(AriaRole.Link, new() { Name = "Layanan Data Kependudukan" }).ClickAsync();
        await PageChecks.CheckAsync(operations, "tinjauan-api");
        await operations.GetByLabel("Setujui").CheckAsync();
        await operations.GetByLabel("Catatan").FillAsync("Kapasitas server dan SLA memadai.");
        await operations.GetByRole(AriaRole.Button, new() { Name = "Kirim keputusan" }).ClickAsync();
        Assert.Contains("Menunggu pertimbangan kelaikan keamanan", await operations.ContentAsync());

        await security.GotoAsync(apiUrl);
        await security.GetByLabel("Tolak").CheckAsync();
        await security.GetByRole(AriaRole.Button, new() { Name = "Kirim keputusan" }).ClickAsync();
        Assert.Contains("tuliskan alasan penolakan", await security.ContentAsync());
        await security.GetByLabel("Setujui").CheckAsync();
        await security.GetByLabel("Catatan").FillAsync("Token wajib, klasifikasi Terbatas sesuai.");
        await security.GetByRole(AriaRole.Button, new() { Name = "Kirim keputusan" }).ClickAsync();
        var content = await security.ContentAsync();
        Assert.Contains("Terbit di gateway", content);
        Assert.Contains("Kapasitas server dan SLA memadai.", content);
        Assert.Contains("Diterbitkan ke gateway", content);
        await PageChecks.CheckAsync(security, "api-terbit");
    }
}
