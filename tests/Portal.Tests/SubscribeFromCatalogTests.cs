using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SpbeConnector.Portal.Applications;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// Subscribing as the developer portals users know do it (issue 19 item 6): from the API's page, choosing an application
/// and one of the API's plans, decided by whoever the approval profile names, then a secret asked for and shown once
/// after a redirect, and the API called with the application's token. The API is published through the admin API
/// without a catalog profile, as the demo API is: it must be subscribable like any other.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class SubscribeFromCatalogTests(PortalBrowser browser)
{
    [Fact]
    public async Task A_developer_subscribes_from_the_API_page_the_decider_approves_and_the_application_calls_the_API()
    {
        await using var upstream = await StubUpstream.StartAsync("wilayah");
        await using var site = await PortalSite.StartAsync();
        var decider = site.Gateway.Services.GetRequiredService<ApplicationWorkflow>().SubscriptionDecider;
        await site.CreateAccountAsync("pengembang", PortalRole.ApplicationDeveloper, "dinkes");
        await site.CreateAccountAsync("pemutus", decider, "bappeda");
        var api = await site.Gateway.PublishApiAsync("bappeda", "wilayah", "v1", [upstream.BaseUrl]);

        await using var developerContext = await browser.NewContextAsync(site.BaseUrl);
        var developer = await developerContext.NewPageAsync();
        await PortalSite.SignInAsync(developer, "pengembang");

        // A new application: no secret was made, so none is listed as if someone had seen it.
        await developer.GotoAsync("/portal/aplikasi");
        await developer.GetByLabel("Nama", new() { Exact = true }).FillAsync("SIMPUS Dinkes");
        await developer.GetByRole(AriaRole.Button, new() { Name = "Daftarkan aplikasi" }).ClickAsync();
        Assert.Matches("/portal/aplikasi/dinkes-[0-9a-f]+$", developer.Url);
        var clientId = new Uri(developer.Url).Segments[^1];
        Assert.Equal(1, await developer.Locator("#no-secret").CountAsync());
        Assert.Equal(0, await developer.Locator("#secrets, #issued-secret").CountAsync());
        var client = await site.Gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/clients/{clientId}");
        Assert.Equal(0, client.GetProperty("secrets").GetArrayLength());

        // The API's page offers the application and the API's plan (the default plan: the API has no catalog profile).
        await developer.GotoAsync($"/portal/katalog/{api}");
        var form = developer.Locator("form[action$='/langganan']");
        Assert.Equal([clientId], await form.Locator("select[name=clientId] option").EvaluateAllAsync<string[]>("o => o.map(x => x.value)"));
        Assert.Equal([Plan.DefaultName], await form.Locator("select[name=plan] option").EvaluateAllAsync<string[]>("o => o.map(x => x.value)"));

        // A refused request keeps what was typed: a plan the API does not offer, sent as a tampered form would.
        await form.Locator("select[name=plan]").EvaluateAsync("s => { s.options[0].value = 'Emas'; }");
        await form.GetByLabel("Tujuan penggunaan").FillAsync("Peta layanan kesehatan per kelurahan");
        await form.GetByRole(AriaRole.Button, new() { Name = "Minta langganan" }).ClickAsync();
        Assert.Contains("pilih salah satu paket yang ditawarkan API tersebut", await developer.ContentAsync());
        Assert.Equal("Peta layanan kesehatan per kelurahan", await developer.Locator("form[action$='/langganan'] textarea[name=purpose]").InputValueAsync());

        await developer.Locator("form[action$='/langganan'] select[name=plan]").SelectOptionAsync(Plan.DefaultName);
        await developer.GetByRole(AriaRole.Button, new() { Name = "Minta langganan" }).ClickAsync();
        // POST-redirect-GET: the API's page, with the outcome; the application is now listed, and no longer offered.
        Assert.Equal($"/portal/katalog/{api}", new Uri(developer.Url).AbsolutePath);
        Assert.Contains("Permintaan langganan terkirim", await developer.Locator("[role=status]").First.InnerTextAsync());
        Assert.Contains("Menunggu persetujuan OPD pemilik", await developer.Locator("#subscribed").InnerTextAsync());
        Assert.Equal(0, await developer.Locator("form[action$='/langganan']").CountAsync());
        Assert.Equal(1, await developer.Locator("#subscribe-none").CountAsync());
        await PageChecks.CheckAsync(developer, "katalog-api-langganan");
        // A refresh repeats nothing.
        await developer.ReloadAsync();
        Assert.Single((await site.Gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/subscriptions?clientId={clientId}")).EnumerateArray());
        // The application's own page does not offer the API again either.
        await developer.GotoAsync($"/portal/aplikasi/{clientId}");
        Assert.Equal(0, await developer.Locator($"select[name=apiId] option[value='{api}']").CountAsync());

        // The decider of the owning OPD sees the request with its purpose and approves it.
        await using var deciderContext = await browser.NewContextAsync(site.BaseUrl);
        var owner = await deciderContext.NewPageAsync();
        await PortalSite.SignInAsync(owner, "pemutus");
        await owner.GotoAsync("/portal/langganan");
        Assert.Contains("Peta layanan kesehatan per kelurahan", await owner.ContentAsync());
        var decision = owner.Locator("form[action$='/keputusan']").First;
        await decision.GetByLabel("Catatan").FillAsync("Sesuai kebutuhan layanan.");
        await decision.GetByRole(AriaRole.Button, new() { Name = "Setujui" }).ClickAsync();
        Assert.Equal("/portal/langganan", new Uri(owner.Url).AbsolutePath);
        Assert.Contains("Langganan disetujui", await owner.ContentAsync());

        // The secret, asked for, is shown once on the application's page (not at the POST's address).
        await developer.GotoAsync($"/portal/aplikasi/{clientId}");
        await developer.GetByRole(AriaRole.Button, new() { Name = "Terbitkan rahasia klien baru" }).ClickAsync();
        Assert.Equal($"/portal/aplikasi/{clientId}", new Uri(developer.Url).AbsolutePath);
        var secret = (await developer.Locator("#issued-secret").TextContentAsync())!.Trim();
        Assert.Equal(clientId, await developer.Locator("#issued-client-id").TextContentAsync());
        await PageChecks.CheckAsync(developer, "aplikasi-rahasia-sekali");
        // A refresh neither shows it again nor issues another.
        await developer.ReloadAsync();
        Assert.Equal(0, await developer.Locator("#issued-secret").CountAsync());
        Assert.DoesNotContain(secret, await developer.ContentAsync());
        Assert.Equal(1, await developer.Locator("#secrets tbody tr").CountAsync());
        client = await site.Gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/clients/{clientId}");
        Assert.Equal(1, client.GetProperty("secrets").GetArrayLength());

        // The application calls the API with its own token, through the gateway, to the service.
        await site.Gateway.WaitForAccessAsync();
        using var caller = site.Gateway.CreateClient();
        caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await site.Gateway.GetTokenAsync(new TestClientCredentials(clientId, secret)));
        var answer = await caller.GetAsync("/bappeda/wilayah/v1/kelurahan");
        Assert.Equal(200, (int)answer.StatusCode);
        Assert.Contains(upstream.Received, r => r.Path.EndsWith("/kelurahan", StringComparison.Ordinal));
    }
}
