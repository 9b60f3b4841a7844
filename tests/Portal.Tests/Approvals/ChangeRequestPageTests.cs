using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SpbeConnector.Portal.Onboarding;
using SpbeConnector.Portal.Security;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests.Approvals;

/// <summary>
/// A security-relevant change to a live API through the portal (issue 18): the publisher proposes it on the change form,
/// which says the API keeps serving on its approved settings; the reviewers see the value in force beside the one
/// proposed on the queue and decide each stage there; the API answers on the old upstream until the last stage approves,
/// then on the new one. The registration profile (owner contact, plans chosen among the registry's) changes the same way:
/// the profile in force stays until the last approval. The submitter cannot decide their own change.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class ChangeRequestPageTests(PortalBrowser browser)
{
    private static readonly PortalPrincipal Registrar = new(Guid.NewGuid(), "penerbit", PortalRole.ApiPublisher, "disdukcapil", false);
    private static readonly PortalPrincipal Operations = new(Guid.NewGuid(), "operasi-awal", PortalRole.OperationalReviewer, null, false);
    private static readonly PortalPrincipal Security = new(Guid.NewGuid(), "keamanan-awal", PortalRole.SecurityReviewer, null, false);

    [Fact]
    public async Task A_change_to_a_live_API_is_not_in_force_until_every_stage_approves_it_and_the_API_answers_on_the_old_settings_meanwhile()
    {
        await using var before = await StubUpstream.StartAsync("lama");
        await using var after = await StubUpstream.StartAsync("baru");
        await using var site = await PortalSite.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:ApprovalProfile"] = BuiltInApprovalProfiles.KotaBekasi,
            // The stub upstreams speak plain HTTP on loopback: this region weighs the HTTPS rule as a warning.
            ["Portal:ConformanceRules:HttpsUpstream"] = "Warning",
        });
        await site.CreateAccountAsync("penerbit", PortalRole.ApiPublisher, "disdukcapil");
        await site.CreateAccountAsync("operasi", PortalRole.OperationalReviewer);
        await site.CreateAccountAsync("keamanan", PortalRole.SecurityReviewer);
        var workflow = site.Gateway.Services.GetRequiredService<OnboardingWorkflow>();
        var catalog = site.Gateway.Services.GetRequiredService<ApiCatalog>();
        var api = await workflow.RegisterAsync(Registrar, new ApiRegistration("disdukcapil", "Layanan Data Kependudukan", "kependudukan", "v1", null,
            before.BaseUrl, true, SampleDocuments.KependudukanWithSecurity(site.BaseUrl + "/oauth2/token"),
            InformationClassification.Restricted, ["Bronze"], [], "layanan@disdukcapil.example.go.id", "PSE-1", "99.5"), CancellationToken.None);
        Assert.True((await workflow.SubmitAsync(Registrar, api.Id, CancellationToken.None)).Submitted);
        await workflow.DecideAsync(Operations, api.Id, true, null, CancellationToken.None);
        Assert.Equal(OnboardingStage.Published, await workflow.DecideAsync(Security, api.Id, true, null, CancellationToken.None));
        await site.Gateway.WaitForRoutesAsync();
        using var caller = await site.Gateway.CreateCallerAsync(api.Id);
        async Task CallAsync()
        {
            var answer = await caller.GetAsync("/disdukcapil/kependudukan/v1/kecamatan");
            Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        }
        await CallAsync();
        Assert.Equal(1, before.Count);

        // The publisher proposes a new upstream and a smaller file limit; the form says the API keeps its settings meanwhile.
        var apiPage = $"/portal/api/{api.Id}";
        await using var publisherContext = await browser.NewContextAsync(site.BaseUrl);
        var publisher = await publisherContext.NewPageAsync();
        await PortalSite.SignInAsync(publisher, "penerbit");
        await publisher.GotoAsync(apiPage);
        await publisher.GetByRole(AriaRole.Link, new() { Name = "Usulkan perubahan pengaturan" }).ClickAsync();
        Assert.Contains("API tetap melayani dengan pengaturan yang disetujui", await publisher.Locator("#keeps-serving").InnerTextAsync());
        await ReviewScreens.SaveAsync(browser, site, "penerbit", $"{apiPage}/ubah", "api-usulan-perubahan");
        // Nothing changed is said as such, beside the form.
        await publisher.GetByRole(AriaRole.Button, new() { Name = "Ajukan permintaan perubahan" }).ClickAsync();
        Assert.Contains("tidak ada pengaturan yang berubah", await publisher.ContentAsync());
        await publisher.GetByLabel("URL layanan asal (upstream)").FillAsync(after.BaseUrl);
        await publisher.GetByLabel("Ukuran berkas terbesar (bita)").FillAsync("2097152");
        // The registration profile in force is on the form too, and changes through the same request.
        Assert.Equal("PSE-1", await publisher.GetByLabel("Nomor pendaftaran PSE").InputValueAsync());
        Assert.True(await publisher.Locator("input[name=plans][value=Bronze]").IsCheckedAsync());
        await publisher.GetByLabel("Kontak pemilik layanan").FillAsync("Seksi Data Baru, data@disdukcapil.example.go.id");
        await publisher.Locator("input[name=plans][value=Silver]").CheckAsync();
        await publisher.GetByRole(AriaRole.Button, new() { Name = "Ajukan permintaan perubahan" }).ClickAsync();
        Assert.Contains("Permintaan perubahan diajukan.", await publisher.Locator(".notice.success[role=status]").InnerTextAsync());
        var changes = await publisher.Locator("table.changes").InnerTextAsync();
        Assert.Contains(before.BaseUrl, changes);
        Assert.Contains(after.BaseUrl, changes);
        Assert.Contains("2.097.152", changes);
        Assert.Contains("layanan@disdukcapil.example.go.id", changes);
        Assert.Contains("Seksi Data Baru, data@disdukcapil.example.go.id", changes);
        Assert.Contains("Bronze, Silver", changes);
        var inForce = (await catalog.FindApiProfileAsync(api.Id, CancellationToken.None))!;
        Assert.Equal("layanan@disdukcapil.example.go.id", inForce.OwnerContact);
        Assert.Equal(["Bronze"], inForce.Plans);

        // Not in force: the gateway still answers from the approved upstream.
        await site.Gateway.WaitForRoutesAsync();
        await CallAsync();
        Assert.Equal(0, after.Count);
        var request = (await site.Gateway.Services.GetRequiredService<ApprovalWorkflow>().FindPendingAsync(api.Id, CancellationToken.None))!;

        // The submitter cannot decide their own change request.
        var forged = publisherContext.APIRequest.CreateFormData();
        forged.Set("__RequestVerificationToken", await publisher.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync());
        forged.Set("decision", "approve");
        forged.Set("revision", "1");
        var refused = await publisherContext.APIRequest.PostAsync($"/portal/tinjauan/{request.Id}/keputusan", new() { Form = forged, MaxRedirects = 0 });
        Assert.Equal(400, refused.Status);

        // The operational reviewer reads old against new on the queue and approves the first stage there.
        await using var operationsContext = await browser.NewContextAsync(site.BaseUrl);
        var operations = await operationsContext.NewPageAsync();
        await PortalSite.SignInAsync(operations, "operasi");
        await operations.GotoAsync("/portal/tinjauan");
        var card = operations.Locator($"#request-{request.Id}");
        Assert.Contains("Permintaan perubahan", await card.InnerTextAsync());
        Assert.Contains("Diajukan oleh penerbit", await card.InnerTextAsync());
        var row = await card.Locator("table.changes tr", new() { HasText = "URL layanan asal" }).InnerTextAsync();
        Assert.Contains(before.BaseUrl, row);
        Assert.Contains(after.BaseUrl, row);
        await ReviewScreens.SaveAsync(browser, site, "operasi", "/portal/tinjauan", "tinjauan-permintaan-perubahan");
        await card.GetByLabel("Setujui").CheckAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Kirim keputusan" }).ClickAsync();
        Assert.Contains("Permintaan lanjut ke tahap berikutnya.", await operations.Locator(".notice.success[role=status]").InnerTextAsync());
        // The security stage is not the operational reviewer's: no decision form for it.
        Assert.Equal(0, await operations.Locator($"#request-{request.Id} form.decision").CountAsync());
        await site.Gateway.WaitForRoutesAsync();
        await CallAsync();
        Assert.Equal(0, after.Count);

        await using var securityContext = await browser.NewContextAsync(site.BaseUrl);
        var security = await securityContext.NewPageAsync();
        await PortalSite.SignInAsync(security, "keamanan");
        await security.GotoAsync(apiPage);
        card = security.Locator($"#request-{request.Id}");
        await card.GetByLabel("Setujui").CheckAsync();
        await card.GetByLabel("Catatan").FillAsync("Layanan asal baru di jaringan OPD, batas berkas sesuai.");
        await card.GetByRole(AriaRole.Button, new() { Name = "Kirim keputusan" }).ClickAsync();
        Assert.Contains("Semua tahap menyetujui: perubahan berlaku", await security.Locator(".notice.success[role=status]").InnerTextAsync());
        Assert.Contains("Perubahan disetujui dan berlaku", await security.Locator("#history").InnerTextAsync());

        // In force now: the gateway answers from the new upstream with the new limit.
        await site.Gateway.WaitForRoutesAsync();
        await CallAsync();
        Assert.Equal(1, after.Count);
        var changed = (await catalog.FindApiAsync(api.Id, CancellationToken.None))!;
        Assert.Equal(after.BaseUrl, Assert.Single(changed.UpstreamUrls));
        Assert.Equal(2097152, changed.Validation.MaxFileBytes);
        var profile = (await catalog.FindApiProfileAsync(api.Id, CancellationToken.None))!;
        Assert.Equal("Seksi Data Baru, data@disdukcapil.example.go.id", profile.OwnerContact);
        Assert.Equal(["Bronze", "Silver"], profile.Plans);
    }
}
