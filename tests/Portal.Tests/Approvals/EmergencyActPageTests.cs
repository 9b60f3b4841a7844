using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SpbeConnector.Portal.Accounts;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests.Approvals;

/// <summary>
/// Emergency acts awaiting review (issue 18): an act taken at once by one security reviewer, with a reason, is listed
/// with its reason, actor and time and counted on the home page; the one who acted cannot review it, another security
/// reviewer does, with notes, and it leaves the list.
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
        Assert.EndsWith("?hasil=actReviewed", reviewer.Url);
        Assert.Contains("Tinjauan tindakan darurat tercatat.", await reviewer.Locator("#result").InnerTextAsync());
        Assert.Equal(1, await reviewer.Locator("#acts-none").CountAsync());
        var reviewed = Assert.Single(await site.Gateway.Approvals.Workflow.ListEmergencyActsAsync(awaitingReviewOnly: false, CancellationToken.None));
        Assert.Equal("keamanan.dua", reviewed.ReviewedByName);
    }
}
