using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// Two forms that failed every signed-in user (issue 19 item 2): the language switch (its anti-forgery token is bound
/// to the signed-in user, so the open endpoint must know the session) and an upload over the size limit (reported as a
/// missing security token, with everything typed lost).
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class LanguageAndUploadTests(PortalBrowser browser)
{
    [Fact]
    public async Task A_signed_in_user_switches_to_English_and_stays_signed_in_on_the_same_page()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("penerbit", PortalRole.ApiPublisher, "disdukcapil");
        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "penerbit");
        await page.GotoAsync("/portal/katalog?q=penduduk");

        await page.GetByLabel("Bahasa", new() { Exact = true }).SelectOptionAsync("en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ganti", Exact = true }).ClickAsync();

        Assert.EndsWith("/portal/katalog?q=penduduk", page.Url);
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("API catalog", await page.Locator("h1").InnerTextAsync());
        var content = await page.ContentAsync();
        Assert.DoesNotContain("Formulir ditolak", content);
        Assert.DoesNotContain("Form refused", content);
        Assert.Contains("penerbit", await page.Locator(".who").InnerTextAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).CountAsync());

        // Signed in and in English on the next page too; and back to Indonesian from there.
        await page.GotoAsync("/portal/api");
        Assert.Equal("OPD APIs", await page.Locator("h1").InnerTextAsync());
        await page.GetByLabel("Language", new() { Exact = true }).SelectOptionAsync("id");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change", Exact = true }).ClickAsync();
        Assert.EndsWith("/portal/api", page.Url);
        Assert.Equal("API OPD", await page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task A_40_MB_OpenAPI_upload_is_refused_for_its_size_with_everything_typed_kept_and_no_word_of_a_security_token()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("penerbit", PortalRole.ApiPublisher, "disdukcapil");
        var file = Path.Combine(Path.GetTempPath(), $"spbe-besar-{Guid.NewGuid():N}.json");
        await using (var stream = File.Create(file))
            stream.SetLength(40L * 1000 * 1000);
        try
        {
            await using var context = await browser.NewContextAsync(site.BaseUrl);
            var page = await context.NewPageAsync();
            await PortalSite.SignInAsync(page, "penerbit");
            await page.GotoAsync("/portal/api/baru");
            await page.GetByLabel("Nama", new() { Exact = true }).FillAsync("Layanan Data Kependudukan");
            await page.GetByLabel("Nama jalur API").FillAsync("kependudukan");
            await page.GetByLabel("URL layanan asal (upstream)").FillAsync("https://kependudukan.disdukcapil.example.go.id");
            await page.GetByLabel("Dokumen OpenAPI (unggah berkas)").SetInputFilesAsync(file);
            await page.Locator("input[name=plans][value=Bronze]").CheckAsync();
            await page.GetByLabel("Kontak pemilik layanan").FillAsync("layanan@disdukcapil.example.go.id");
            await page.GetByLabel("Nomor pendaftaran PSE").FillAsync("PSE-001234.01/2026");
            var answer = await page.RunAndWaitForResponseAsync(() =>
                page.GetByRole(AriaRole.Button, new() { Name = "Daftarkan", Exact = true }).ClickAsync(),
                r => r.Request.Method == "POST" && r.Url.EndsWith("/portal/api/baru", StringComparison.Ordinal), new() { Timeout = 120_000 });
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);

            Assert.Equal(400, answer.Status);
            var content = await page.ContentAsync();
            Assert.Contains("berkas terlalu besar (maksimal 4 MiB)", content);
            Assert.DoesNotContain("Formulir ditolak", content);
            Assert.DoesNotContain("token", await page.Locator("main").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal("Layanan Data Kependudukan", await page.GetByLabel("Nama", new() { Exact = true }).InputValueAsync());
            Assert.Equal("kependudukan", await page.GetByLabel("Nama jalur API").InputValueAsync());
            Assert.Equal("https://kependudukan.disdukcapil.example.go.id", await page.GetByLabel("URL layanan asal (upstream)").InputValueAsync());
            Assert.True(await page.Locator("input[name=plans][value=Bronze]").IsCheckedAsync(), "the plan chosen was lost");
            Assert.Equal("layanan@disdukcapil.example.go.id", await page.GetByLabel("Kontak pemilik layanan").InputValueAsync());
            Assert.Equal("PSE-001234.01/2026", await page.GetByLabel("Nomor pendaftaran PSE").InputValueAsync());
            Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Keluar" }).CountAsync());
            await PageChecks.CheckAsync(page, "api-daftar-terlalu-besar");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_post_over_the_upload_limit_is_answered_413_naming_the_size_in_the_portal_language()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("penerbit", PortalRole.ApiPublisher, "disdukcapil");
        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "penerbit");
        await page.GotoAsync("/portal/api/baru");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var form = context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token);
        form.Set("name", "Layanan");
        form.Set("openApiFile", new FilePayload { Name = "besar.json", MimeType = "application/json", Buffer = new byte[70 * 1024 * 1024] });
        var answer = await context.APIRequest.PostAsync("/portal/api/baru", new() { Multipart = form, Timeout = 120_000 });
        Assert.Equal(413, answer.Status);
        var text = await answer.TextAsync();
        Assert.Contains("Kiriman melebihi batas 64 MiB", text);
        Assert.DoesNotContain("Formulir ditolak", text);
    }
}
