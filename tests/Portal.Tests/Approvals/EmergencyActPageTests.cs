using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SpbeConnector.Portal.Accounts;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests.Approvals;

/// <summary>
/// Emergency acts (issue 18): taken on the portal's form by one security reviewer, with a reason, in force at once (a
/// disabled client's token is refused at the gateway); listed with reason, actor and time and counted on the home page;
/// the one who acted cannot review it, another security reviewer does, with notes, and it leaves the list.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class EmergencyActPageTests(PortalBrowser browser)
{
    [Fact]
    public async Task An_emergency_act_is_reviewed_by_another_person_and_not_by_who_took_it()
    {
        await using var upstream = await StubUpstream.StartAsync("faskes");
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("keamanan", PortalRole.SecurityReviewer);
        await site.CreateAccountAsync("keamanan.dua", PortalRole.SecurityReviewer);
        var api = await site.Gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        await using (var scope = site.Gateway.Services.CreateAsyncScope())
        {
            var account = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalAccount>>().FindByNameAsync("keamanan"))!;
            var actor = new ActorIdentity("user:" + account.Id, "keamanan", new HashSet<PortalRole> { PortalRole.SecurityReviewer }, null);
            await site.Gateway.Approvals.Workflow.SuspendApiAsync(actor, api, "Kebocoran data terdeteksi pada layanan asal", CancellationToken.None);
        }

        await using var actorContext = await browser.NewContextAsync(site.BaseUrl);
        var acted = await actorContext.NewPageAsync();
        await PortalSite.SignInAsync(acted, "keamanan");
        await acted.GotoAsync("/portal");
        Assert.Equal("1 tindakan darurat menunggu tinjauan", await acted.Locator("#pending-acts .count").InnerTextAsync());
        await acted.Locator("#pending-acts").ClickAsync();
        var act = acted.Locator("article.act").First;
        var text = await act.InnerTextAsync();
        Assert.Contains("API ditangguhkan", text);
        Assert.Contains("Kebocoran data terdeteksi pada layanan asal", text);
        Assert.Contains("keamanan", await act.Locator("dd").Nth(1).InnerTextAsync());
        await act.GetByLabel("Hasil tinjauan").FillAsync("Saya sendiri yang menangguhkan.");
        await act.GetByRole(AriaRole.Button, new() { Name = "Catat tinjauan" }).ClickAsync();
        Assert.Contains("Anda yang mengambil tindakan ini; orang lain yang meninjaunya", await acted.ContentAsync());
        Assert.Single(await site.Gateway.Approvals.Workflow.ListEmergencyActsAsync(awaitingReviewOnly: true, CancellationToken.None));

        await ReviewScreens.SaveAsync(browser, site, "keamanan.dua", "/portal/tinjauan/darurat", "tindakan-darurat");
        await using var reviewerContext = await browser.NewContextAsync(site.BaseUrl);
        var reviewer = await reviewerContext.NewPageAsync();
        await PortalSite.SignInAsync(reviewer, "keamanan.dua");
        await reviewer.GotoAsync("/portal/tinjauan/darurat");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Catat tinjauan" }).ClickAsync();
        Assert.Contains("tuliskan hasil tinjauan", await reviewer.ContentAsync());
        await reviewer.GetByLabel("Hasil tinjauan").FillAsync("Penangguhan beralasan; layanan asal diperiksa Diskominfo.");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Catat tinjauan" }).ClickAsync();
        Assert.Contains("Tinjauan tindakan darurat tercatat.", await reviewer.Locator(".notice.success[role=status]").InnerTextAsync());
        Assert.Equal(1, await reviewer.Locator("#acts-none").CountAsync());
        var reviewed = Assert.Single(await site.Gateway.Approvals.Workflow.ListEmergencyActsAsync(awaitingReviewOnly: false, CancellationToken.None));
        Assert.Equal("keamanan.dua", reviewed.ReviewedByName);
    }

    [Fact]
    public async Task A_security_reviewer_disables_a_client_on_the_portal_its_token_is_refused_at_once_and_the_act_waits_for_review()
    {
        await using var upstream = await StubUpstream.StartAsync("faskes");
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("keamanan", PortalRole.SecurityReviewer);
        await site.CreateAccountAsync("keamanan.dua", PortalRole.SecurityReviewer);
        await site.CreateAccountAsync("penerbit", PortalRole.ApiPublisher, "dinkes");
        var api = await site.Gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        var credentials = await site.Gateway.CreateClientAsync("pemanggil", clientId: "aplikasi-pemanggil");
        await site.Gateway.SubscribeAsync(credentials.ClientId, api);
        using var caller = site.Gateway.CreateClient();
        caller.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await site.Gateway.GetTokenAsync(credentials, null));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await caller.GetAsync("/dinkes/faskes/v1/fasilitas")).StatusCode);

        // Only the roles that take emergency acts reach the form.
        await using (var publisherContext = await browser.NewContextAsync(site.BaseUrl))
        {
            var publisher = await publisherContext.NewPageAsync();
            await PortalSite.SignInAsync(publisher, "penerbit");
            Assert.Equal(403, (await publisher.GotoAsync("/portal/tinjauan/darurat/baru"))!.Status);
        }

        await using var actorContext = await browser.NewContextAsync(site.BaseUrl);
        var page = await actorContext.NewPageAsync();
        await PortalSite.SignInAsync(page, "keamanan");
        await page.GotoAsync("/portal/tinjauan/darurat");
        await page.Locator("#take-act").ClickAsync();
        await ReviewScreens.SaveAsync(browser, site, "keamanan", "/portal/tinjauan/darurat/baru", "tindakan-darurat-ambil");
        var form = page.Locator("#take-client-disabled");
        await form.GetByLabel("Aplikasi klien").SelectOptionAsync("aplikasi-pemanggil");
        // A reason is required: the browser would not send an empty one, so the attribute is lifted to prove the server refuses it too.
        await form.Locator("textarea[name=reason]").EvaluateAsync("e => e.removeAttribute('required')");
        var refused = await page.RunAndWaitForResponseAsync(
            () => form.GetByRole(AriaRole.Button, new() { Name = "Nonaktifkan seketika" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        Assert.Contains("tuliskan alasannya", await page.Locator("#take-client-disabled").InnerTextAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await caller.GetAsync("/dinkes/faskes/v1/fasilitas")).StatusCode);

        form = page.Locator("#take-client-disabled");
        await form.GetByLabel("Alasan").FillAsync("Rahasia klien bocor di repositori publik");
        await form.GetByRole(AriaRole.Button, new() { Name = "Nonaktifkan seketika" }).ClickAsync();
        Assert.EndsWith("/portal/tinjauan/darurat", page.Url);
        Assert.Contains("tokennya ditolak gateway mulai sekarang", await page.Locator(".notice.success").InnerTextAsync());

        // In force at once: the token issued before is refused as soon as the gateway's access rules catch up (within a second).
        await site.Gateway.WaitForAccessAsync();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await caller.GetAsync("/dinkes/faskes/v1/fasilitas")).StatusCode);
        Assert.Equal(2, upstream.Count); // the two calls before the act; none after it

        // Listed for review, with its reason and actor; the actor cannot review it, another security reviewer does.
        var act = page.Locator("article.act").First;
        Assert.Contains("Aplikasi klien dinonaktifkan", await act.InnerTextAsync());
        Assert.Contains("Rahasia klien bocor di repositori publik", await act.InnerTextAsync());
        var waiting = Assert.Single(await site.Gateway.Approvals.Workflow.ListEmergencyActsAsync(awaitingReviewOnly: true, CancellationToken.None));
        Assert.Equal("client-disabled", waiting.Act);
        Assert.Equal("aplikasi-pemanggil", waiting.Target);
        Assert.Equal("person:keamanan", waiting.ActorId);
        await using var reviewerContext = await browser.NewContextAsync(site.BaseUrl);
        var reviewer = await reviewerContext.NewPageAsync();
        await PortalSite.SignInAsync(reviewer, "keamanan.dua");
        await reviewer.GotoAsync("/portal/tinjauan/darurat");
        await reviewer.GetByLabel("Hasil tinjauan").FillAsync("Tepat; klien diberi rahasia baru setelah pemeriksaan.");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Catat tinjauan" }).ClickAsync();
        Assert.Equal(1, await reviewer.Locator("#acts-none").CountAsync());
    }
}
