using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Tests;

/// <summary>Portal accounts in a real browser: Pasal 59 ayat (4) (passwords, lockout, recovery) and ayat (5) (sessions, forms).</summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class AccountTests(PortalBrowser browser)
{
    [Fact]
    public async Task Administrator_creates_an_account_whose_user_must_change_the_temporary_password_at_first_login()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("admin", PortalRole.PlatformAdministrator);
        await site.Gateway.EnsureOpdAsync("dinkes");
        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "admin");
        await PageChecks.CheckAsync(page, "beranda-admin");
        await page.GotoAsync("/portal/pengguna");
        await PageChecks.CheckAsync(page, "pengguna");

        // A password the rules refuse: the form comes back with the cause, the other fields kept, nothing stored.
        var create = page.Locator("form[action='/portal/pengguna']");
        await create.GetByLabel("Nama pengguna").FillAsync("penerbit.dinkes");
        await create.GetByLabel("Nama lengkap").FillAsync("Penerbit Dinkes");
        await create.GetByLabel("Peran").SelectOptionAsync("ApiPublisher");
        await create.GetByLabel("OPD").SelectOptionAsync("dinkes");
        await create.GetByLabel("Kata sandi sementara").FillAsync("pendek");
        await create.GetByRole(AriaRole.Button, new() { Name = "Buat akun" }).ClickAsync();
        Assert.Contains("terlalu pendek", await page.ContentAsync());
        Assert.Equal("Penerbit Dinkes", await page.Locator("form[action='/portal/pengguna']").GetByLabel("Nama lengkap").InputValueAsync());

        create = page.Locator("form[action='/portal/pengguna']");
        await create.GetByLabel("Kata sandi sementara").FillAsync("Sementara-123456");
        await create.GetByRole(AriaRole.Button, new() { Name = "Buat akun" }).ClickAsync();
        Assert.Contains("Akun penerbit.dinkes dibuat", await page.ContentAsync());

        await using var userContext = await browser.NewContextAsync(site.BaseUrl);
        var user = await userContext.NewPageAsync();
        await PortalSite.SignInAsync(user, "penerbit.dinkes", "Sementara-123456");
        Assert.EndsWith("/portal/kata-sandi", user.Url);
        await PageChecks.CheckAsync(user, "ganti-kata-sandi");
        // Until the password is changed every other page leads back here.
        await user.GotoAsync("/portal/opd");
        Assert.EndsWith("/portal/kata-sandi", user.Url);
        await user.GetByLabel("Kata sandi saat ini").FillAsync("Sementara-123456");
        await user.GetByLabel("Kata sandi baru", new() { Exact = true }).FillAsync("Baru-Sekali-7890");
        await user.GetByLabel("Ulangi kata sandi baru").FillAsync("Baru-Sekali-7890");
        await user.GetByRole(AriaRole.Button, new() { Name = "Simpan kata sandi" }).ClickAsync();
        Assert.Contains("Kata sandi sudah diganti", await user.ContentAsync());

        // Pasal 59 ayat (5) huruf f: the session cookie is Secure, HttpOnly, SameSite=Strict, host-only.
        var session = (await userContext.CookiesAsync()).Single(c => c.Name == "__Host-spbe-portal");
        Assert.True(session.Secure && session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.Equal("/", session.Path);
        Assert.Equal(-1, session.Expires); // a browser-session cookie; the ticket inside expires on idle and absolute timeouts

        // Disabling the account ends its session at the next request.
        await page.GotoAsync("/portal/pengguna");
        // Disabling asks first, on a page of its own (the CSP allows no inline script for a dialog).
        await page.GetByRole(AriaRole.Row, new() { Name = "penerbit.dinkes" }).GetByRole(AriaRole.Link, new() { Name = "Nonaktifkan" }).ClickAsync();
        await page.Locator("form[action='/portal/pengguna/penerbit.dinkes/status']").GetByRole(AriaRole.Button).ClickAsync();
        Assert.Contains("Akun penerbit.dinkes dinonaktifkan", await page.ContentAsync());
        await user.GotoAsync("/portal");
        Assert.Contains("/portal/masuk", user.Url);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_against_the_right_password_until_an_administrator_resets_it()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("admin", PortalRole.PlatformAdministrator);
        await site.CreateAccountAsync("auditor", PortalRole.SecurityAuditor);
        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        for (var i = 0; i < 2; i++)
        {
            await PortalSite.SignInAsync(page, "auditor", "Salah-Sandi-0000");
            Assert.Contains("Nama pengguna atau kata sandi salah", await page.ContentAsync());
        }
        await PortalSite.SignInAsync(page, "auditor", "Salah-Sandi-0000");
        Assert.Contains("Akun terkunci karena 3 kali salah kata sandi", await page.ContentAsync());
        await PageChecks.CheckAsync(page, "masuk-terkunci");
        await PortalSite.SignInAsync(page, "auditor");
        Assert.Contains("Akun terkunci", await page.ContentAsync());
        Assert.EndsWith("/portal/masuk", page.Url);

        // Recovery through the administrator (Pasal 59 ayat (4) huruf e): a temporary password, unlocked, change forced.
        await using var adminContext = await browser.NewContextAsync(site.BaseUrl);
        var admin = await adminContext.NewPageAsync();
        await PortalSite.SignInAsync(admin, "admin");
        await admin.GotoAsync("/portal/pengguna");
        await admin.Locator("form[action='/portal/pengguna/auditor/atur-ulang']").GetByLabel("Kata sandi sementara").FillAsync("Pulih-Sandi-4321");
        await admin.Locator("form[action='/portal/pengguna/auditor/atur-ulang']").GetByRole(AriaRole.Button).ClickAsync();
        Assert.Contains("Kata sandi auditor diatur ulang", await admin.ContentAsync());

        await PortalSite.SignInAsync(page, "auditor", "Pulih-Sandi-4321");
        Assert.EndsWith("/portal/kata-sandi", page.Url);
    }

    [Fact]
    public async Task A_form_posted_without_or_with_a_wrong_antiforgery_token_is_refused_and_changes_nothing()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("admin", PortalRole.PlatformAdministrator);
        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "admin");

        // The browser's own session cookie goes along, as it would from a forged page: only the token is missing or wrong.
        var without = await context.APIRequest.PostAsync("/portal/opd", new() { Form = FormOf(context, ("code", "palsu"), ("name", "OPD palsu")) });
        Assert.Equal(400, without.Status);
        Assert.Contains("Formulir ditolak", await without.TextAsync());
        var wrong = await context.APIRequest.PostAsync("/portal/opd", new() { Form = FormOf(context, ("code", "palsu"), ("name", "OPD palsu"), ("__RequestVerificationToken", "CfDJ8-bukan-token")) });
        Assert.Equal(400, wrong.Status);
        var anonymousForm = await context.APIRequest.PostAsync("/portal/bahasa", new() { Form = FormOf(context, ("lang", "en")) });
        Assert.Equal(400, anonymousForm.Status);

        await page.GotoAsync("/portal/opd");
        Assert.DoesNotContain("palsu", await page.ContentAsync());
        await PageChecks.CheckAsync(page, "opd");
        // The same form through the page (with its token) works.
        await page.GetByLabel("Kode").FillAsync("asli");
        await page.GetByLabel("Nama", new() { Exact = true }).FillAsync("OPD asli");
        await page.GetByRole(AriaRole.Button, new() { Name = "Daftarkan OPD" }).ClickAsync();
        Assert.Contains("OPD asli terdaftar", await page.ContentAsync());
    }

    [Fact]
    public async Task The_language_switch_shows_the_portal_in_english_and_remembers_it()
    {
        await using var site = await PortalSite.StartAsync();
        await using var context = await browser.NewContextAsync(site.BaseUrl, phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/portal/masuk");
        Assert.Equal("id", await page.Locator("html").GetAttributeAsync("lang"));
        await page.GetByLabel("Bahasa").SelectOptionAsync("en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ganti" }).ClickAsync();
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await page.GotoAsync("/portal/masuk");
        Assert.Equal("Sign in", await page.Locator("h1").TextContentAsync());
        await PageChecks.CheckAsync(page, "login-en-phone");
    }

    private static IFormData FormOf(IBrowserContext context, params (string Name, string Value)[] fields)
    {
        var form = context.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
            form.Set(name, value);
        return form;
    }
}
