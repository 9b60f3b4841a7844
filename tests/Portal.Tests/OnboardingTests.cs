using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
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
    public async Task Publisher_onboards_the_sample_API_reviewers_approve_a_developer_subscribes_and_the_application_calls_it_through_the_gateway()
    {
        await using var upstream = await StubUpstream.StartAsync("disdukcapil");
        // The stub upstream speaks plain HTTP on loopback: this region weighs the HTTPS rule as a warning.
        await using var site = await PortalSite.StartAsync(new Dictionary<string, string?> { ["Portal:ConformanceRules:HttpsUpstream"] = "Warning" });
        await site.CreateAccountAsync("penerbit", PortalRole.ApiPublisher, "disdukcapil");
        await site.CreateAccountAsync("penerbit.lain", PortalRole.ApiPublisher, "dinkes");
        await site.CreateAccountAsync("operasi", PortalRole.OperationalReviewer);
        await site.CreateAccountAsync("keamanan", PortalRole.SecurityReviewer);
        await site.CreateAccountAsync("pengembang", PortalRole.ApplicationDeveloper, "dinkes");
        await site.CreateAccountAsync("auditor", PortalRole.SecurityAuditor);

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

        // A developer of another OPD subscribes; the owning OPD's publisher approves; the secret is shown once.
        var credentials = await SubscriptionSteps.SubscribeAndGetCredentialsAsync(browser, site, other);

        // The application calls the API through the gateway with a token from /oauth2/token.
        await site.Gateway.WaitForAccessAsync();
        var token = await site.Gateway.GetTokenAsync(credentials);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/disdukcapil/kependudukan/v1/kecamatan");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var answer = await site.Gateway.Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains(upstream.Received, r => r.Path == "/kecamatan");

        // The security auditor finds that call in the audit log and sees it verified.
        await AuditSteps.FindVerifiedCallAsync(browser, site, credentials.ClientId);
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
        // Plans are chosen among the registry's, never typed.
        await page.Locator("input[name=plans][value=Bronze]").CheckAsync();
        await page.Locator("input[name=plans][value=Silver]").CheckAsync();
        await page.GetByLabel("Label").FillAsync("kependudukan, layanan-publik");
        await page.GetByLabel("Kontak pemilik layanan").FillAsync("layanan@disdukcapil.example.go.id");
        await page.GetByLabel("Nomor pendaftaran PSE").FillAsync("PSE-001234.01/2026");
        // An SLA of 90%, under the regulation's 95% (Pasal 60 ayat (3) huruf m): the form comes back saying so, with
        // the document kept in the text field.
        await page.GetByLabel("Target SLA (% ketersediaan)").FillAsync("90");
        await page.GetByRole(AriaRole.Button, new() { Name = "Daftarkan", Exact = true }).ClickAsync();
        // The summary at the top names the field (a link to it); the problem itself is beside the field only.
        Assert.Contains("Target SLA (% ketersediaan)", await page.Locator(".notice.error").InnerTextAsync());
        Assert.Contains("isi angka dari 95 sampai 100", await page.Locator("#f-slaTargetPercent-errors").InnerTextAsync());
        Assert.Contains("Layanan Data Kependudukan", await page.GetByLabel("…atau tempel isi dokumen OpenAPI").InputValueAsync());
        await PageChecks.CheckAsync(page, "api-daftar-galat");
        // Indonesian decimals use a comma; the portal accepts it.
        await page.GetByLabel("Target SLA (% ketersediaan)").FillAsync("99,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Daftarkan", Exact = true }).ClickAsync();
        // Registered: the answer is a redirect to the API's page, which shows the result once (POST-redirect-GET).
        Assert.Matches("/portal/api/[0-9a-f-]{36}$", page.Url);
        Assert.Contains("API terdaftar sebagai draf.", await page.Locator(".notice.success[role=status]").InnerTextAsync());
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

/// <summary>Applications and subscriptions in the browser (REG-11: the data-owning OPD approves).</summary>
public static class SubscriptionSteps
{
    /// <summary>
    /// The dinkes developer registers an application and asks for the API; the dinkes publisher (<paramref name="otherPublisher"/>,
    /// signed in) cannot see the request; the disdukcapil publisher approves; the developer issues the secret.
    /// </summary>
    public static async Task<TestClientCredentials> SubscribeAndGetCredentialsAsync(PortalBrowser browser, PortalSite site, IPage otherPublisher)
    {
        await using var developerContext = await browser.NewContextAsync(site.BaseUrl);
        var developer = await developerContext.NewPageAsync();
        await PortalSite.SignInAsync(developer, "pengembang");
        await CatalogSteps.FindInCatalogAsync(developer, site);
        await developer.GotoAsync("/portal/aplikasi");
        await PageChecks.CheckAsync(developer, "aplikasi");
        await developer.GetByLabel("Nama", new() { Exact = true }).FillAsync("SIMPUS Dinkes");
        await developer.GetByRole(AriaRole.Button, new() { Name = "Daftarkan aplikasi" }).ClickAsync();
        Assert.Matches("/portal/aplikasi/dinkes-[0-9a-f]+$", developer.Url);
        var applicationUrl = new Uri(developer.Url).AbsolutePath;

        // No credentials before an approval.
        await developer.GetByRole(AriaRole.Button, new() { Name = "Terbitkan rahasia klien baru" }).ClickAsync();
        Assert.Contains("tunggu persetujuan", await developer.ContentAsync());

        await developer.GetByLabel("API", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Layanan Data Kependudukan — disdukcapil/kependudukan/v1" });
        await developer.GetByLabel("Paket").SelectOptionAsync("Silver");
        await developer.GetByLabel("Tujuan penggunaan").FillAsync("Verifikasi NIK pasien puskesmas");
        await developer.GetByRole(AriaRole.Button, new() { Name = "Kirim permintaan" }).ClickAsync();
        Assert.Contains("Menunggu persetujuan OPD pemilik", await developer.ContentAsync());
        await PageChecks.CheckAsync(developer, "aplikasi-langganan");

        // The developer's own OPD's publisher does not own the API: the request is not theirs to see.
        await otherPublisher.GotoAsync("/portal/langganan");
        Assert.DoesNotContain("SIMPUS Dinkes", await otherPublisher.ContentAsync());

        await using var ownerContext = await browser.NewContextAsync(site.BaseUrl);
        var owner = await ownerContext.NewPageAsync();
        await PortalSite.SignInAsync(owner, "penerbit");
        await owner.GotoAsync("/portal/langganan");
        Assert.Contains("Verifikasi NIK pasien puskesmas", await owner.ContentAsync());
        await PageChecks.CheckAsync(owner, "langganan-permintaan");
        var decision = owner.Locator("form[action$='/keputusan']").First;
        var action = await decision.GetAttributeAsync("action");
        // The other OPD's publisher posting a decision with a valid form token of their own gets "not found", and nothing changes.
        var forged = await otherPublisher.Context.APIRequest.PostAsync(action!, new()
        {
            Form = FormWithToken(otherPublisher.Context, await otherPublisher.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync(), ("decision", "approve")),
        });
        Assert.Equal(404, forged.Status);
        await decision.GetByLabel("Catatan").FillAsync("Sesuai kebutuhan layanan kesehatan.");
        await decision.GetByRole(AriaRole.Button, new() { Name = "Setujui" }).ClickAsync();
        Assert.Contains("Langganan disetujui", await owner.ContentAsync());

        await developer.GotoAsync(applicationUrl);
        await developer.GetByRole(AriaRole.Button, new() { Name = "Terbitkan rahasia klien baru" }).ClickAsync();
        var clientId = await developer.Locator("#issued-client-id").TextContentAsync();
        var secret = await developer.Locator("#issued-secret").TextContentAsync();
        await PageChecks.CheckAsync(developer, "aplikasi-rahasia");
        // Shown once: the next visit shows only the ending.
        await developer.GotoAsync(applicationUrl);
        Assert.DoesNotContain(secret!, await developer.ContentAsync());
        // The plan chosen in the portal is the plan the gateway enforces.
        var subscriptions = await site.Gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/subscriptions?clientId={clientId}");
        var subscription = Assert.Single(subscriptions.EnumerateArray());
        Assert.Equal("Silver", subscription.GetProperty("plan").GetString());
        Assert.Equal("Approved", subscription.GetProperty("status").GetString());
        return new TestClientCredentials(clientId!, secret!);
    }

    private static IFormData FormWithToken(IBrowserContext context, string token, params (string Name, string Value)[] fields)
    {
        var form = context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token);
        foreach (var (name, value) in fields)
            form.Set(name, value);
        return form;
    }
}

/// <summary>The catalog in the browser: filters, the API page, Swagger UI served by the gateway itself.</summary>
public static class CatalogSteps
{
    public static async Task FindInCatalogAsync(IPage page, PortalSite site)
    {
        await page.GotoAsync("/portal/katalog");
        await page.GetByLabel("Label").SelectOptionAsync("kependudukan");
        await page.GetByLabel("Klasifikasi informasi").SelectOptionAsync("Restricted");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).ClickAsync();
        Assert.Contains("tag=kependudukan", page.Url);
        await PageChecks.CheckAsync(page, "katalog");
        await page.GetByRole(AriaRole.Link, new() { Name = "Layanan Data Kependudukan" }).ClickAsync();
        var content = await page.ContentAsync();
        Assert.Contains(site.BaseUrl + "/oauth2/token", content);
        Assert.Contains(site.BaseUrl + "/disdukcapil/kependudukan/v1/kecamatan", content);
        // Swagger UI rendered the stored document's operations, from assets the gateway served.
        await page.Locator("#swagger-ui .opblock-summary-path").First.WaitForAsync(new() { Timeout = 15000 });
        Assert.Contains("/penduduk/{nik}", await page.Locator("#swagger-ui").InnerTextAsync());
        await PageChecks.CheckAsync(page, "katalog-api");
        Assert.Equal(0, await page.Locator("script[src^='http'], link[href^='http']").CountAsync());
    }
}

/// <summary>The security view in the browser: the log filtered, one record verified, the chain, the exports.</summary>
public static class AuditSteps
{
    public static async Task FindVerifiedCallAsync(PortalBrowser browser, PortalSite site, string clientId)
    {
        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "auditor");
        await page.GotoAsync("/portal/keamanan");
        await page.GetByLabel("ID klien").FillAsync(clientId);
        await page.GetByLabel("API", new() { Exact = true }).FillAsync("disdukcapil/kependudukan/v1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).ClickAsync();
        var rows = page.Locator("table.audit tbody tr");
        Assert.True(await rows.CountAsync() >= 1, "the call is in the log");
        // One line for the call (its request and response records together), with its status.
        Assert.Contains("200", await rows.First.InnerTextAsync());
        await PageChecks.CheckAsync(page, "keamanan-log");

        var csv = await context.APIRequest.GetAsync((await page.GetByRole(AriaRole.Link, new() { Name = "CSV" }).GetAttributeAsync("href"))!);
        Assert.Equal(200, csv.Status);
        Assert.Contains(clientId, await csv.TextAsync());
        var jsonl = await context.APIRequest.GetAsync((await page.GetByRole(AriaRole.Link, new() { Name = "JSON Lines" }).GetAttributeAsync("href"))!);
        Assert.Contains(clientId, await jsonl.TextAsync());

        // The line opens the call's response record, which names the client in words and links to the request record,
        // whose JSON names it too.
        await rows.Last.Locator("td[data-label='Catatan'] a").ClickAsync();
        Assert.Contains("Terverifikasi", await page.Locator("#verification").InnerTextAsync());
        Assert.Contains(clientId, await page.Locator("#record-summary").InnerTextAsync());
        await page.Locator("#record-summary a").First.ClickAsync();
        Assert.Contains("Terverifikasi", await page.Locator("#verification").InnerTextAsync());
        Assert.Contains(clientId, await page.Locator("pre").InnerTextAsync());
        await PageChecks.CheckAsync(page, "keamanan-catatan");

        // The portal's own steps are in the log too: logins, registration, submission, decisions, subscriptions.
        var portalEvents = await context.APIRequest.GetAsync("/portal/keamanan/ekspor?format=jsonl&type=portal");
        var events = await portalEvents.TextAsync();
        foreach (var action in new[] { "login", "api.register", "api.submit", "api.approve", "subscription.request", "subscription.approve", "application.secret-issue" })
            Assert.Contains($"\"{action}\"", events);
        Assert.Contains("Kapasitas server dan SLA memadai.", events);

        await page.GotoAsync("/portal/keamanan/rantai");
        Assert.Contains("Rantai utuh", await page.Locator("#chain-status").InnerTextAsync());
        await PageChecks.CheckAsync(page, "keamanan-rantai");
    }
}
