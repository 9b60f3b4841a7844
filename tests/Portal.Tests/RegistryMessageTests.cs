using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// Registry messages on the portal (issue 19, item 3): in Bahasa Indonesia, beside the field they concern (tied to it
/// by aria-describedby), never as an English sentence or a raw field path; only problems without a field of the form
/// at its top. Each page passes the English-leak check of <see cref="PageChecks"/>.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class RegistryMessageTests(PortalBrowser browser)
{
    [Fact]
    public async Task A_bad_OPD_code_is_refused_in_Indonesian_beside_the_code_field()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("admin", PortalRole.PlatformAdministrator);
        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "admin");
        await page.GotoAsync("/portal/opd");
        var form = page.Locator("form[action='/portal/opd']");
        await form.GetByLabel("Kode", new() { Exact = true }).FillAsync("Kode Salah");
        await form.GetByLabel("Nama", new() { Exact = true }).FillAsync(new string('N', 201));
        await form.GetByRole(AriaRole.Button).ClickAsync();

        await AssertBesideAsync(page, "code", "harus 2 sampai 63 huruf kecil, angka, atau tanda hubung");
        await AssertBesideAsync(page, "name", "harus 1 sampai 200 karakter");
        var summary = await page.Locator(".notice.error").InnerTextAsync();
        Assert.DoesNotContain("harus", summary);
        Assert.DoesNotContain("must", summary);
        await PageChecks.CheckAsync(page, "opd-kode-salah");

        // A code already taken is a conflict of the registry, shown beside the code too.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await form.GetByLabel("Kode", new() { Exact = true }).FillAsync("dinsos");
            await form.GetByLabel("Nama", new() { Exact = true }).FillAsync("Dinas Sosial");
            await form.GetByRole(AriaRole.Button).ClickAsync();
        }
        await AssertBesideAsync(page, "code", "OPD dengan kode 'dinsos' sudah terdaftar.");
        await PageChecks.CheckAsync(page, "opd-kode-terpakai");
    }

    [Fact]
    public async Task A_plain_HTTP_upstream_and_an_unreadable_OpenAPI_document_are_refused_in_Indonesian_beside_their_fields()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("penerbit", PortalRole.ApiPublisher, "disdukcapil");
        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "penerbit");
        await page.GotoAsync("/portal/api/baru");
        await page.GetByLabel("Nama", new() { Exact = true }).FillAsync("Layanan Data Kependudukan");
        await page.GetByLabel("Nama jalur API").FillAsync("kependudukan");
        await page.GetByLabel("Versi").FillAsync("v1");
        await page.GetByLabel("URL layanan asal (upstream)").FillAsync("http://upstream.example.go.id/api");
        await page.GetByLabel("…atau tempel isi dokumen OpenAPI").FillAsync("openapi: [3.0.3\ninfo: {");
        await page.Locator("input[name=plans][value=Bronze]").CheckAsync();
        await page.GetByLabel("Kontak pemilik layanan").FillAsync("layanan@disdukcapil.example.go.id");
        await page.GetByLabel("Nomor pendaftaran PSE").FillAsync("PSE-001234.01/2026");
        await page.GetByLabel("Target SLA (% ketersediaan)").FillAsync("99,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Daftarkan", Exact = true }).ClickAsync();

        // upstreamUrls[0] of the registry is the form's one upstream field: the problem is beside it, not at the top.
        await AssertBesideAsync(page, "upstreamUrl", "memakai HTTP tanpa enkripsi dan karena itu ditolak");
        await AssertBesideAsync(page, "openApiDocument", "YAML tidak dapat dibaca");
        var summary = await page.Locator(".notice.error").InnerTextAsync();
        Assert.DoesNotContain("upstreamUrls", summary);
        Assert.DoesNotContain("ditolak", summary);
        Assert.Contains("URL layanan asal (upstream)", summary);
        Assert.Contains("aria-describedby", await page.Locator("#f-openApiFile").EvaluateAsync<string>("e => [...e.attributes].map(a => a.name).join(' ')"));
        await PageChecks.CheckAsync(page, "api-daftar-http");

        // A readable document that breaks the OpenAPI rules: where (a JSON pointer is the document's own path) and what, in Indonesian.
        await page.GetByLabel("URL layanan asal (upstream)").FillAsync("https://upstream.example.go.id/api");
        await page.GetByLabel("…atau tempel isi dokumen OpenAPI").FillAsync("{\"swagger\": \"2.0\", \"info\": {\"title\": \"x\", \"version\": \"1\"}, \"paths\": {}}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Daftarkan", Exact = true }).ClickAsync();
        await AssertBesideAsync(page, "openApiDocument", "di /swagger: dokumen Swagger 2.0 tidak diterima");
        Assert.Equal(0, await page.Locator("#f-upstreamUrl-errors").CountAsync());
        await PageChecks.CheckAsync(page, "api-daftar-openapi");

        // The same refusal in English when the user chose English: the English text, numbers the English way.
        await context.AddCookiesAsync([new Cookie { Name = "spbe-portal-lang", Value = "en", Url = site.BaseUrl }]);
        await page.GotoAsync("/portal/api/baru");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(new string('N', 201));
        // The other required fields are left empty: the browser's own check is turned off so that the server answers.
        await page.EvalOnSelectorAllAsync("form", "forms => forms.forEach(f => f.noValidate = true)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        Assert.Contains("must be 1 to 200 characters", await page.Locator("#f-name-errors").InnerTextAsync());
    }

    /// <summary>The problem is in the field's error list, which the field's aria-describedby names.</summary>
    private static async Task AssertBesideAsync(IPage page, string field, string text)
    {
        var beside = page.Locator($"#f-{field}-errors");
        Assert.True(await beside.CountAsync() == 1, $"no problems beside {field} on {page.Url}: {await page.Locator("body").InnerTextAsync()}");
        Assert.Contains(text, await beside.InnerTextAsync());
        var input = field == "openApiDocument" ? page.Locator("#f-openApiFile") : page.Locator($"#f-{field}");
        Assert.Contains($"f-{field}-errors", await input.GetAttributeAsync("aria-describedby") ?? "");
    }
}
