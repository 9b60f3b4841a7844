using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SpbeConnector.Portal.Accounts;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// The administrator's pages (issue 19, item 8): plans listed, created and changed through the admin API's plan rules;
/// a new account's role chosen, never defaulted; disabling confirmed first; accounts searched and paged, in the portal
/// and in the admin API; every action answered with a redirect (POST-redirect-GET) and numbers in the page's language.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class AdministrationTests(PortalBrowser browser)
{
    [Fact]
    public async Task The_administrator_lists_creates_and_changes_plans_through_the_plan_rules_each_action_redirecting_to_the_list()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("admin", PortalRole.PlatformAdministrator);
        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "admin");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu utama" }).GetByRole(AriaRole.Link, new() { Name = "Paket" }).ClickAsync();
        Assert.EndsWith("/portal/paket", page.Url);
        // The seeded plans with their limits, grouped the Indonesian way.
        var gold = page.Locator("#plans tbody tr", new() { HasText = "Gold" });
        Assert.Contains("5.000", await gold.InnerTextAsync());
        Assert.Contains("Keputusan administrator", await page.Locator("#plans tbody tr", new() { HasText = "Unlimited" }).InnerTextAsync());
        await PageChecks.CheckAsync(page, "paket");

        // A limit that is not a number, then a limit the plan rules refuse: each beside its field, what was typed kept.
        var form = page.Locator("form[action='/portal/paket']");
        await form.GetByLabel("Nama", new() { Exact = true }).FillAsync("Platinum");
        await form.GetByLabel("Permintaan per menit").FillAsync("sepuluh ribu");
        await form.GetByRole(AriaRole.Button, new() { Name = "Buat paket" }).ClickAsync();
        Assert.Contains("harus bilangan bulat", await page.Locator("#f-requestsPerMinute-errors").InnerTextAsync());
        Assert.Equal("Platinum", await page.Locator("form[action='/portal/paket']").GetByLabel("Nama", new() { Exact = true }).InputValueAsync());
        await PageChecks.CheckAsync(page, "paket-galat");

        form = page.Locator("form[action='/portal/paket']");
        await form.GetByLabel("Permintaan per menit").FillAsync("10.000");
        await form.GetByLabel("Permintaan per detik").FillAsync("500");
        var created = await SubmitAsync(page, () => form.GetByRole(AriaRole.Button, new() { Name = "Buat paket" }).ClickAsync());
        // POST-redirect-GET: the page shown is the list's, fetched with GET, so a refresh repeats nothing.
        Assert.Equal("GET", created.Method);
        Assert.Equal("POST", created.RedirectedFrom?.Method);
        Assert.EndsWith("/portal/paket", page.Url);
        Assert.Contains("Paket Platinum dibuat", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Contains("10.000", await page.Locator("#plans tbody tr", new() { HasText = "Platinum" }).InnerTextAsync());
        await page.ReloadAsync();
        Assert.Equal(0, await page.Locator("[role=status]").CountAsync());
        Assert.Equal(1, await page.Locator("#plans tbody tr", new() { HasText = "Platinum" }).CountAsync());
        var stored = await site.Gateway.Admin.GetFromJsonAsync<JsonElement>("/admin/v1/plans/Platinum");
        Assert.Equal(10000, stored.GetProperty("requestsPerMinute").GetInt64());

        // The same name again is refused beside the name.
        form = page.Locator("form[action='/portal/paket']");
        await form.GetByLabel("Nama", new() { Exact = true }).FillAsync("Platinum");
        await form.GetByRole(AriaRole.Button, new() { Name = "Buat paket" }).ClickAsync();
        Assert.Contains("sudah ada paket", await page.Locator("#f-name-errors").InnerTextAsync());

        // A change of the limits, through the plan rules: the per-minute limit may not fall under the per-second one.
        await page.GotoAsync("/portal/paket");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ubah paket Platinum" }).ClickAsync();
        Assert.EndsWith("/portal/paket/Platinum", page.Url);
        await PageChecks.CheckAsync(page, "paket-ubah");
        await page.GetByLabel("Permintaan per menit").FillAsync("100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan paket" }).ClickAsync();
        Assert.Equal(1, await page.Locator("#f-requestsPerMinute-errors").CountAsync());
        Assert.Equal("100", await page.GetByLabel("Permintaan per menit").InputValueAsync());
        await page.GetByLabel("Permintaan per menit").FillAsync("20000");
        var saved = await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Simpan paket" }).ClickAsync());
        Assert.Equal("GET", saved.Method);
        Assert.Contains("Paket Platinum disimpan", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Equal(20000, (await site.Gateway.Admin.GetFromJsonAsync<JsonElement>("/admin/v1/plans/Platinum")).GetProperty("requestsPerMinute").GetInt64());

        // In English the same figures are grouped the English way.
        await context.AddCookiesAsync([new Cookie { Name = "spbe-portal-lang", Value = "en", Url = site.BaseUrl }]);
        await page.GotoAsync("/portal/paket");
        Assert.Contains("20,000", await page.Locator("#plans tbody tr", new() { HasText = "Platinum" }).InnerTextAsync());

        // Only the administrator.
        await site.CreateAccountAsync("penerbit", PortalRole.ApiPublisher, "dinkes");
        await using var publisherContext = await browser.NewContextAsync(site.BaseUrl);
        var publisher = await publisherContext.NewPageAsync();
        await PortalSite.SignInAsync(publisher, "penerbit");
        Assert.Equal(403, (await publisher.GotoAsync("/portal/paket"))!.Status);
    }

    [Fact]
    public async Task A_new_account_has_no_preselected_role_disabling_is_confirmed_first_and_accounts_are_searched_and_paged()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("admin", PortalRole.PlatformAdministrator);
        await site.Gateway.EnsureOpdAsync("dinkes");
        for (var i = 1; i <= 30; i++)
            await CreateDeveloperAsync(site, $"pengguna-{i:00}", $"Pegawai Nomor {i}");
        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "admin");
        await page.GotoAsync("/portal/pengguna");

        // Least privilege: the administrator chooses the role; nothing is preselected, and the choice is required.
        var role = page.Locator("form[action='/portal/pengguna']").GetByLabel("Peran");
        Assert.Equal("", await role.InputValueAsync());
        Assert.NotNull(await role.GetAttributeAsync("required"));

        // 31 accounts, 25 a page.
        Assert.Equal("31 akun", await page.Locator("#accounts-count").InnerTextAsync());
        Assert.Equal(25, await page.Locator("table.accounts tbody tr").CountAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Berikutnya" }).ClickAsync();
        Assert.Equal(6, await page.Locator("table.accounts tbody tr").CountAsync());
        await PageChecks.CheckAsync(page, "pengguna-halaman-2");

        // Found by part of the name, in any case.
        await page.GetByLabel("Cari akun").FillAsync("nomor 17");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).ClickAsync();
        Assert.Equal(1, await page.Locator("table.accounts tbody tr").CountAsync());
        Assert.Contains("pengguna-17", await page.Locator("table.accounts tbody tr").InnerTextAsync());

        // Disabling asks first; nothing changes until the administrator confirms.
        await page.GetByRole(AriaRole.Row, new() { Name = "pengguna-17" }).GetByRole(AriaRole.Link, new() { Name = "Nonaktifkan" }).ClickAsync();
        Assert.Equal("Nonaktifkan akun pengguna-17?", await page.Locator("h1").InnerTextAsync());
        await PageChecks.CheckAsync(page, "pengguna-nonaktifkan");
        Assert.False((await FindAsync(site, "pengguna-17"))!.Disabled);
        var confirmed = await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Ya, nonaktifkan pengguna-17" }).ClickAsync());
        Assert.Equal("GET", confirmed.Method);
        Assert.EndsWith("/portal/pengguna", page.Url);
        Assert.Contains("Akun pengguna-17 dinonaktifkan", await page.Locator("[role=status]").InnerTextAsync());
        Assert.True((await FindAsync(site, "pengguna-17"))!.Disabled);

        // The cancel link leaves the account as it was.
        await page.GotoAsync("/portal/pengguna/pengguna-18/nonaktifkan");
        await page.GetByRole(AriaRole.Link, new() { Name = "Batal, kembali ke daftar akun" }).ClickAsync();
        Assert.EndsWith("/portal/pengguna", page.Url);
        Assert.False((await FindAsync(site, "pengguna-18"))!.Disabled);
    }

    [Fact]
    public async Task The_admin_API_lists_portal_accounts_a_page_at_a_time_with_the_total_and_links()
    {
        await using var site = await PortalSite.StartAsync();
        await site.Gateway.EnsureOpdAsync("dinkes");
        for (var i = 1; i <= 5; i++)
            await CreateDeveloperAsync(site, $"akun-{i}", $"Akun {i}");
        var response = await site.Gateway.Admin.GetAsync("/admin/v1/portal-accounts?q=akun-&limit=2&offset=2");
        response.EnsureSuccessStatusCode();
        Assert.Equal(["akun-3", "akun-4"], (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(a => a.GetProperty("username").GetString()!).ToArray());
        Assert.Equal("5", response.Headers.GetValues("X-Total-Count").Single());
        var link = response.Headers.GetValues("Link").Single();
        Assert.Contains("offset=4&limit=2>; rel=\"next\"", link);
        Assert.Contains("offset=0&limit=2>; rel=\"prev\"", link);
        var found = await site.Gateway.Admin.GetFromJsonAsync<JsonElement>("/admin/v1/portal-accounts?q=AKUN 5");
        Assert.Equal("akun-5", found.EnumerateArray().Single().GetProperty("username").GetString());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await site.Gateway.Admin.GetAsync("/admin/v1/portal-accounts?limit=501")).StatusCode);
    }

    /// <summary>
    /// The request of the page the browser shows after <paramref name="submit"/>: with POST-redirect-GET a GET that the
    /// POST redirected to; without it, the POST itself (whose refresh would repeat the action).
    /// </summary>
    private static async Task<IRequest> SubmitAsync(IPage page, Func<Task> submit) =>
        (await page.RunAndWaitForResponseAsync(submit, r => r.Request.IsNavigationRequest && r.Frame == page.MainFrame && r.Status is not (301 or 302 or 303 or 307 or 308))).Request;

    /// <summary>One account, each in its own scope as the portal's requests are (Identity's store tracks what it saved).</summary>
    private static async Task CreateDeveloperAsync(PortalSite site, string username, string displayName)
    {
        await using var scope = site.Gateway.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalAccountService>()
            .CreateAsync(new PortalAccountInput(username, displayName, PortalRole.ApplicationDeveloper, "dinkes", PortalSite.Password), false, CancellationToken.None);
    }

    private static async Task<PortalAccount?> FindAsync(PortalSite site, string username)
    {
        await using var scope = site.Gateway.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalAccountService>().FindByUsernameAsync(username, CancellationToken.None);
    }
}
