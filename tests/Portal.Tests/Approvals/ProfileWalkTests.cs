using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SpbeConnector.Portal.Onboarding;
using SpbeConnector.Portal.Security;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Tests.Approvals;

/// <summary>
/// Issue 18 through the portal: each of the five regulations' approval profiles walks its stages to publication in the
/// browser, reviewers deciding on the queue of pending requests (the external stages of Kabupaten Bekasi and Timor
/// Tengah Selatan with the authority's letter uploaded, its SHA-256 kept and shown); nothing is published before the
/// last stage, and the submitter cannot decide. The publisher edits the draft's details first; the home page counts each
/// reviewer's pending work.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class ProfileWalkTests(PortalBrowser browser)
{
    private static readonly PortalPrincipal Registrar = new(Guid.NewGuid(), "penerbit", PortalRole.ApiPublisher, "disdukcapil", false);

    [Theory]
    [InlineData(BuiltInApprovalProfiles.BatuBara)]
    [InlineData(BuiltInApprovalProfiles.Bogor)]
    [InlineData(BuiltInApprovalProfiles.KotaBekasi)]
    [InlineData(BuiltInApprovalProfiles.KabupatenBekasi)]
    [InlineData(BuiltInApprovalProfiles.TimorTengahSelatan)]
    public async Task Each_profile_walks_its_stages_to_publication_in_the_browser(string profileName)
    {
        await using var site = await PortalSite.StartAsync(new Dictionary<string, string?> { ["Portal:ApprovalProfile"] = profileName });
        await site.CreateAccountAsync("penerbit", PortalRole.ApiPublisher, "disdukcapil");
        await site.CreateAccountAsync("operasi", PortalRole.OperationalReviewer);
        await site.CreateAccountAsync("keamanan", PortalRole.SecurityReviewer);
        var workflow = site.Gateway.Services.GetRequiredService<OnboardingWorkflow>();
        var approvals = site.Gateway.Services.GetRequiredService<ApprovalWorkflow>();
        var catalog = site.Gateway.Services.GetRequiredService<ApiCatalog>();
        var api = await workflow.RegisterAsync(Registrar, new ApiRegistration("disdukcapil", "Layanan Data Kependudukan", "kependudukan", "v1", null,
            "https://kependudukan.disdukcapil.example.go.id", false, SampleDocuments.KependudukanWithSecurity(site.BaseUrl + "/oauth2/token"),
            InformationClassification.Restricted, ["Bronze"], [], "layanan@disdukcapil.example.go.id", "PSE-1", "99.5"), CancellationToken.None);
        var apiPage = $"/portal/api/{api.Id}";
        var screens = profileName is BuiltInApprovalProfiles.KotaBekasi or BuiltInApprovalProfiles.KabupatenBekasi;

        // The publisher edits the draft's details, then submits it.
        await using var publisherContext = await browser.NewContextAsync(site.BaseUrl);
        var publisher = await publisherContext.NewPageAsync();
        await PortalSite.SignInAsync(publisher, "penerbit");
        await publisher.GotoAsync(apiPage);
        await publisher.GetByRole(AriaRole.Link, new() { Name = "Ubah detail draf" }).ClickAsync();
        await publisher.GetByLabel("Deskripsi").FillAsync("Data kependudukan untuk layanan publik daerah");
        await publisher.GetByLabel("Kontak pemilik layanan").FillAsync("data@disdukcapil.example.go.id");
        await publisher.GetByRole(AriaRole.Button, new() { Name = "Simpan draf" }).ClickAsync();
        Assert.Contains("Draf disimpan.", await publisher.Locator(".notice.success[role=status]").InnerTextAsync());
        Assert.Contains("data@disdukcapil.example.go.id", await publisher.Locator("#dossier-facts").InnerTextAsync());
        Assert.Contains("Detail draf diubah", await publisher.Locator("#history").InnerTextAsync());
        Assert.Equal("Data kependudukan untuk layanan publik daerah", (await catalog.FindApiAsync(api.Id, CancellationToken.None))!.Description);

        await publisher.GetByRole(AriaRole.Button, new() { Name = "Ajukan", Exact = true }).ClickAsync();
        Assert.Contains("API diajukan dan menunggu pertimbangan kelaikan.", await publisher.Locator(".notice.success[role=status]").InnerTextAsync());
        var profile = approvals.CurrentProfile;
        Assert.Contains(profile.Stages[0].Name, await publisher.Locator("#lifecycle li[aria-current=step]").InnerTextAsync());
        var request = (await approvals.FindPendingAsync(api.Id, CancellationToken.None))!;

        // Publishing without the stages is refused: no route yet, and the submitter's own decision is refused.
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await site.Gateway.Client.GetAsync("/disdukcapil/kependudukan/v1/kecamatan")).StatusCode);
        Assert.Equal(0, await publisher.Locator("form.decision").CountAsync());
        var forged = publisherContext.APIRequest.CreateFormData();
        forged.Set("__RequestVerificationToken", await publisher.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync());
        forged.Set("decision", "approve");
        forged.Set("revision", "1");
        var refused = await publisherContext.APIRequest.PostAsync($"/portal/tinjauan/{request.Id}/keputusan", new() { Form = forged, MaxRedirects = 0 });
        Assert.Equal(400, refused.Status);
        Assert.Contains("tahap ini diputuskan oleh peran peninjau lain", await refused.TextAsync());
        Assert.Equal(ApiStatus.Submitted, (await catalog.FindApiAsync(api.Id, CancellationToken.None))!.Status);

        for (var i = 0; i < profile.Stages.Count; i++)
        {
            var stage = profile.Stages[i];
            var account = stage.DecidedBy[0] == PortalRole.OperationalReviewer ? "operasi" : "keamanan";
            await using var context = await browser.NewContextAsync(site.BaseUrl);
            var reviewer = await context.NewPageAsync();
            await PortalSite.SignInAsync(reviewer, account);
            // The home page counts the reviewer's pending work and links to the queue.
            await reviewer.GotoAsync("/portal");
            Assert.Equal("1 permintaan menunggu keputusan Anda", await reviewer.Locator("#pending-decisions .count").InnerTextAsync());
            if (screens && i == 0)
                await PageChecks.CheckAsync(reviewer, $"beranda-peninjau-{profileName}");
            await reviewer.Locator("#pending-decisions").ClickAsync();
            var card = reviewer.Locator($"#request-{request.Id}");
            Assert.Contains(stage.Name, await card.Locator("p.expected").InnerTextAsync());
            if (screens)
                await ReviewScreens.SaveAsync(browser, site, account, "/portal/tinjauan", $"tinjauan-{profileName}-tahap-{i + 1}");
            await card.GetByLabel("Setujui").CheckAsync();
            await card.GetByLabel("Catatan").FillAsync($"Layak: {stage.Name}");
            string? letterHash = null;
            if (stage.IsExternal)
            {
                var letter = Encoding.UTF8.GetBytes($"%PDF-1.4 surat keputusan {stage.Key} untuk {profileName}");
                letterHash = Convert.ToHexStringLower(SHA256.HashData(letter));
                await card.GetByLabel("Nomor surat").FillAsync($"B-{i + 1}/KOMINFO/2026");
                await card.GetByLabel("Tanggal surat").FillAsync("2026-12-01");
                await card.GetByLabel("Surat yang ditandatangani").SetInputFilesAsync(new FilePayload { Name = "surat.pdf", MimeType = "application/pdf", Buffer = letter });
            }
            await card.GetByRole(AriaRole.Button, new() { Name = "Kirim keputusan" }).ClickAsync();
            var last = i == profile.Stages.Count - 1;
            Assert.Contains(last ? "API terbit di gateway." : "Permintaan lanjut ke tahap berikutnya.", await reviewer.Locator(".notice.success[role=status]").InnerTextAsync());
            if (!last)
                Assert.Equal(System.Net.HttpStatusCode.NotFound, (await site.Gateway.Client.GetAsync("/disdukcapil/kependudukan/v1/kecamatan")).StatusCode);
            if (letterHash is not null)
            {
                // The letter's SHA-256 is kept with the decision and shown in the API's history.
                await reviewer.GotoAsync(apiPage);
                Assert.Contains(letterHash, await reviewer.Locator("#history").InnerTextAsync());
                var decision = (await approvals.ListDecisionsAsync(request.Id, CancellationToken.None)).Last(d => d.Action == "approved");
                Assert.Equal(letterHash, decision.LetterSha256);
            }
        }

        // Published after the last stage: the route asks for a token; the page shows every step done.
        await site.Gateway.WaitForRoutesAsync();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await site.Gateway.Client.GetAsync("/disdukcapil/kependudukan/v1/kecamatan")).StatusCode);
        await publisher.GotoAsync(apiPage);
        Assert.Equal(profile.Stages.Count + 2, await publisher.Locator("#lifecycle li.done").CountAsync());
        Assert.Contains("Terbit di gateway", await publisher.Locator("#api-stage").InnerTextAsync());
        if (screens)
            await ReviewScreens.SaveAsync(browser, site, "keamanan", apiPage, $"api-{profileName}-terbit");
    }
}
