using SpbeConnector.TestSupport;
using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Tests.Accounts;

/// <summary>
/// The second factor of people who administer, review or audit (Pasal 59 ayat (6) huruf c; issue 17), driven in
/// Chromium: an authenticator app whose codes the test computes (RFC 6238), recovery codes, passkeys through
/// Chromium's virtual authenticator (DevTools protocol), and no action before one is enrolled.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class SecondFactorTests(PortalBrowser browser)
{
    [Fact]
    public async Task An_administrator_without_a_second_factor_cannot_act_until_enrolled_then_signs_in_with_an_authenticator_code_and_a_recovery_code()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("admin", PortalRole.PlatformAdministrator, enrolSecondFactor: false);
        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "admin");
        Assert.True(new Uri(page.Url).AbsolutePath == "/portal/akun/faktor-kedua", await page.Locator("main").InnerTextAsync());
        Assert.Equal(1, await page.Locator("#second-factor-required").CountAsync());
        Assert.Equal(0, await page.Locator("#second-factor-later").CountAsync()); // no way around it for this role
        await PageChecks.CheckAsync(page, "faktor-kedua-wajib");

        // Every page leads back to enrolment, and a form posted anyway changes nothing.
        foreach (var path in new[] { "/portal", "/portal/pengguna", "/portal/opd" })
        {
            await page.GotoAsync(path);
            Assert.Equal("/portal/akun/faktor-kedua", new Uri(page.Url).AbsolutePath);
        }
        var token = await page.Locator("input[name='__RequestVerificationToken']").First.InputValueAsync();
        var post = await context.APIRequest.PostAsync("/portal/pengguna", new APIRequestContextOptions
        {
            MaxRedirects = 0,
            Form = FormOf(context, ("__RequestVerificationToken", token), ("username", "sisipan"), ("displayName", "Sisipan"), ("role", "SecurityAuditor"),
                ("opdCode", ""), ("password", "Sisipan-Sandi-2026")),
        });
        Assert.Equal(302, post.Status);
        Assert.StartsWith("/portal/akun/faktor-kedua", post.Headers["location"]);

        // Enrol the authenticator app: the key shown on the page, the code computed from it.
        var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "");
        Assert.Contains("otpauth://totp/", await page.Locator("#authenticator-uri").InnerTextAsync());
        await page.GetByLabel("Kode autentikator").FillAsync(WrongCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Aktifkan aplikasi autentikator" }).ClickAsync();
        Assert.Contains("kode tidak cocok", await page.ContentAsync());
        await page.GetByLabel("Kode autentikator").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Aktifkan aplikasi autentikator" }).ClickAsync();
        Assert.Contains("Aplikasi autentikator diaktifkan", await page.ContentAsync());
        var recoveryCodes = await page.Locator("#recovery-codes code").AllInnerTextsAsync();
        Assert.Equal(10, recoveryCodes.Count);
        await page.GotoAsync("/portal/pengguna");
        Assert.Equal("/portal/pengguna", new Uri(page.Url).AbsolutePath);
        Assert.DoesNotContain("sisipan", await page.Locator("table").InnerTextAsync());

        // The next sign-in asks for the code after the password; a wrong one is refused.
        await using var second = await browser.NewContextAsync(site.BaseUrl);
        var again = await second.NewPageAsync();
        await again.GotoAsync("/portal/masuk");
        await again.GetByLabel("Nama pengguna").FillAsync("admin");
        await again.GetByLabel("Kata sandi", new() { Exact = true }).FillAsync(PortalSite.Password);
        await again.GetByRole(AriaRole.Button, new() { Name = "Masuk", Exact = true }).ClickAsync();
        Assert.Equal("/portal/masuk/kode", new Uri(again.Url).AbsolutePath);
        await PageChecks.CheckAsync(again, "masuk-kode");
        // The password alone opened nothing.
        await again.GotoAsync("/portal/pengguna");
        Assert.Equal("/portal/masuk", new Uri(again.Url).AbsolutePath);
        await again.GotoAsync("/portal/masuk/kode");
        await again.GetByLabel("Kode autentikator").FillAsync(WrongCode(key));
        await again.GetByRole(AriaRole.Button, new() { Name = "Verifikasi" }).ClickAsync();
        Assert.Contains("Kode tidak cocok", await again.ContentAsync());
        await again.GetByLabel("Kode autentikator").FillAsync(Totp.Code(key));
        await again.GetByRole(AriaRole.Button, new() { Name = "Verifikasi" }).ClickAsync();
        Assert.Equal("/portal", new Uri(again.Url).AbsolutePath);
        await again.GotoAsync("/portal/pengguna");
        Assert.Equal("/portal/pengguna", new Uri(again.Url).AbsolutePath);

        // A recovery code works once.
        foreach (var expectSuccess in new[] { true, false })
        {
            await using var third = await browser.NewContextAsync(site.BaseUrl);
            var recovery = await third.NewPageAsync();
            await recovery.GotoAsync("/portal/masuk");
            await recovery.GetByLabel("Nama pengguna").FillAsync("admin");
            await recovery.GetByLabel("Kata sandi", new() { Exact = true }).FillAsync(PortalSite.Password);
            await recovery.GetByRole(AriaRole.Button, new() { Name = "Masuk", Exact = true }).ClickAsync();
            await recovery.GetByRole(AriaRole.Link, new() { Name = "Gunakan kode pemulihan" }).ClickAsync();
            Assert.Equal("/portal/masuk/pemulihan", new Uri(recovery.Url).AbsolutePath);
            await recovery.GetByLabel("Kode pemulihan").FillAsync(recoveryCodes[0]);
            await recovery.GetByRole(AriaRole.Button, new() { Name = "Verifikasi" }).ClickAsync();
            if (expectSuccess)
            {
                Assert.Equal("/portal", new Uri(recovery.Url).AbsolutePath);
            }
            else
            {
                Assert.Contains("Kode pemulihan tidak cocok atau sudah dipakai", await recovery.ContentAsync());
                await recovery.GotoAsync("/portal/pengguna");
                Assert.Equal("/portal/masuk", new Uri(recovery.Url).AbsolutePath);
            }
        }
    }

    [Fact]
    public async Task A_reviewer_registers_a_passkey_in_chromiums_virtual_authenticator_and_signs_in_with_it_alone()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("peninjau", PortalRole.SecurityReviewer, enrolSecondFactor: false);
        // WebAuthn needs a host name (not an IP address): localhost, which the development certificate names.
        var origin = new UriBuilder(site.BaseUrl) { Host = "localhost" }.Uri.GetLeftPart(UriPartial.Authority);
        await using var context = await browser.NewContextAsync(origin);
        var page = await context.NewPageAsync();
        var devtools = await context.NewCDPSessionAsync(page);
        await devtools.SendAsync("WebAuthn.enable");
        var authenticator = await devtools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        var authenticatorId = authenticator!.Value.GetProperty("authenticatorId").GetString()!;

        await PortalSite.SignInAsync(page, "peninjau");
        Assert.Equal("/portal/akun/faktor-kedua", new Uri(page.Url).AbsolutePath);
        await page.GotoAsync("/portal/tinjauan");
        Assert.Equal("/portal/akun/faktor-kedua", new Uri(page.Url).AbsolutePath);
        await page.GetByRole(AriaRole.Button, new() { Name = "Daftarkan passkey" }).ClickAsync();
        await page.WaitForSelectorAsync("text=Passkey didaftarkan");
        await PageChecks.CheckAsync(page, "faktor-kedua-passkey");
        var credentials = await devtools.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId });
        Assert.Equal(1, credentials!.Value.GetProperty("credentials").GetArrayLength());
        await page.GotoAsync("/portal/tinjauan");
        Assert.Equal("/portal/tinjauan", new Uri(page.Url).AbsolutePath);

        // Signed out, the passkey alone signs in (no password), with the second factor the role needs.
        await page.GetByRole(AriaRole.Button, new() { Name = "Keluar" }).ClickAsync();
        await page.GotoAsync("/portal/masuk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk dengan passkey" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/portal");
        await page.GotoAsync("/portal/tinjauan");
        Assert.Equal("/portal/tinjauan", new Uri(page.Url).AbsolutePath);

        // After the password, the second step also takes the passkey.
        await page.GetByRole(AriaRole.Button, new() { Name = "Keluar" }).ClickAsync();
        await page.GotoAsync("/portal/masuk");
        await page.GetByLabel("Nama pengguna").FillAsync("peninjau");
        await page.GetByLabel("Kata sandi", new() { Exact = true }).FillAsync(PortalSite.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk", Exact = true }).ClickAsync();
        Assert.Equal("/portal/masuk/kode", new Uri(page.Url).AbsolutePath);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk dengan passkey" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/portal");
    }

    private static string WrongCode(string key)
    {
        var right = Totp.Code(key);
        return right == "123456" ? "654321" : "123456";
    }

    private static IFormData FormOf(IBrowserContext context, params (string Name, string Value)[] fields)
    {
        var form = context.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
            form.Set(name, value);
        return form;
    }
}
