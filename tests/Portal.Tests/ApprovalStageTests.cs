using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Onboarding;
using SpbeConnector.Portal.Security;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// The approval stages as configured (GOV-01): one combined decision (Batu Bara, Bogor) or operational then security
/// (Kota Bekasi, Kabupaten Bekasi, TTS), each stage decided only by its own role; the workflow without the browser.
/// </summary>
public sealed class ApprovalStageTests
{
    private static readonly PortalPrincipal Publisher = new(Guid.NewGuid(), "penerbit", PortalRole.ApiPublisher, "disdukcapil", false);
    private static readonly PortalPrincipal Operations = new(Guid.NewGuid(), "operasi", PortalRole.OperationalReviewer, null, false);
    private static readonly PortalPrincipal Security = new(Guid.NewGuid(), "keamanan", PortalRole.SecurityReviewer, null, false);

    private static async Task<Guid> SubmitSampleAsync(PortalSite site)
    {
        await site.Gateway.EnsureOpdAsync("disdukcapil");
        var workflow = site.Gateway.Services.GetRequiredService<OnboardingWorkflow>();
        var api = await workflow.RegisterAsync(Publisher, new ApiRegistration("disdukcapil", "Layanan Data Kependudukan", "kependudukan", "v1", null,
            "https://kependudukan.disdukcapil.example.go.id", false, SampleDocuments.KependudukanWithSecurity(site.BaseUrl + "/oauth2/token"),
            InformationClassification.Restricted, ["Bronze"], [], "layanan@disdukcapil.example.go.id", "PSE-1", "99.5"), CancellationToken.None);
        var (submitted, _) = await workflow.SubmitAsync(Publisher, api.Id, CancellationToken.None);
        Assert.True(submitted);
        return api.Id;
    }

    [Fact]
    public async Task One_combined_stage_publishes_on_the_first_approval()
    {
        await using var site = await PortalSite.StartAsync(new Dictionary<string, string?> { ["Portal:ApprovalProfile"] = "batu-bara" });
        var id = await SubmitSampleAsync(site);
        var workflow = site.Gateway.Services.GetRequiredService<OnboardingWorkflow>();
        Assert.Equal(OnboardingStage.Published, await workflow.DecideAsync(Security, id, approve: true, "Layak operasi dan keamanan.", CancellationToken.None));
        var api = await site.Gateway.Services.GetRequiredService<ApiCatalog>().FindApiAsync(id, CancellationToken.None);
        Assert.Equal(ApiStatus.Published, api!.Status);
    }

    [Fact]
    public async Task Two_stages_are_decided_in_order_each_by_its_own_role_and_a_rejection_returns_the_API_to_draft()
    {
        await using var site = await PortalSite.StartAsync(new Dictionary<string, string?> { ["Portal:ApprovalProfile"] = "kota-bekasi" });
        var id = await SubmitSampleAsync(site);
        var workflow = site.Gateway.Services.GetRequiredService<OnboardingWorkflow>();
        var refused = await Assert.ThrowsAsync<RegistryConflictException>(() => workflow.DecideAsync(Security, id, true, null, CancellationToken.None));
        Assert.Equal("onboarding.notYourStage", refused.Message);
        Assert.Equal(OnboardingStage.AwaitingSecurityReview, await workflow.DecideAsync(Operations, id, true, null, CancellationToken.None));
        await Assert.ThrowsAsync<RegistryValidationException>(() => workflow.DecideAsync(Security, id, false, " ", CancellationToken.None));
        Assert.Equal(OnboardingStage.Draft, await workflow.DecideAsync(Security, id, false, "Klasifikasi harus Dikecualikan.", CancellationToken.None));
        var api = await site.Gateway.Services.GetRequiredService<ApiCatalog>().FindApiAsync(id, CancellationToken.None);
        Assert.Equal(ApiStatus.Draft, api!.Status);
        var record = await workflow.FindAsync(Security, id, CancellationToken.None);
        Assert.Equal(["registered", "submitted", "approved", "rejected"], record!.Decisions.Select(d => d.Action));
        Assert.Equal("Klasifikasi harus Dikecualikan.", record.Decisions[^1].Notes);
    }

    [Fact]
    public async Task A_reviewer_who_also_submitted_cannot_decide_and_the_two_stages_are_decided_by_different_people()
    {
        await using var site = await PortalSite.StartAsync(new Dictionary<string, string?> { ["Portal:ApprovalProfile"] = "kota-bekasi" });
        var id = await SubmitSampleAsync(site);
        var workflow = site.Gateway.Services.GetRequiredService<OnboardingWorkflow>();
        // The same account (same id) seen with the security role after deciding the operational stage.
        Assert.Equal(OnboardingStage.AwaitingSecurityReview, await workflow.DecideAsync(Operations, id, true, null, CancellationToken.None));
        var sameAccount = Operations with { Role = PortalRole.SecurityReviewer };
        var refused = await Assert.ThrowsAsync<RegistryConflictException>(() => workflow.DecideAsync(sameAccount, id, true, null, CancellationToken.None));
        Assert.Equal("review.fourEyes", refused.Message);
        var api = await site.Gateway.Services.GetRequiredService<ApiCatalog>().FindApiAsync(id, CancellationToken.None);
        Assert.Equal(ApiStatus.Submitted, api!.Status);
    }

    [Fact]
    public async Task A_decision_on_a_revision_that_has_been_replaced_since_the_reviewer_read_it_is_refused()
    {
        await using var site = await PortalSite.StartAsync(new Dictionary<string, string?> { ["Portal:ApprovalProfile"] = "batu-bara" });
        var id = await SubmitSampleAsync(site);
        var workflow = site.Gateway.Services.GetRequiredService<OnboardingWorkflow>();
        var catalog = site.Gateway.Services.GetRequiredService<ApiCatalog>();
        // Nothing replaces the document of an API in review any more (the registry refuses it), so what the reviewers
        // read stays what they decide; a form naming another revision than the one under review is still refused.
        var api = (await catalog.FindApiAsync(id, CancellationToken.None))!;
        var changed = SampleDocuments.KependudukanWithSecurity(site.BaseUrl + "/oauth2/token").Replace("Daftar kecamatan", "Daftar kecamatan dan desa", StringComparison.Ordinal);
        await Assert.ThrowsAsync<RegistryConflictException>(() => catalog.UpdateApiAsync(id,
            new ApiUpdate(api.Name, api.Description, api.UpstreamUrls, api.AllowInsecureUpstream, changed, api.Classification), CancellationToken.None));

        var refused = await Assert.ThrowsAsync<RegistryConflictException>(() => workflow.DecideAsync(Security, id, true, null, CancellationToken.None, reviewedRevision: 2));
        Assert.Equal("review.documentChanged", refused.Message);
        Assert.Equal(ApiStatus.Submitted, (await catalog.FindApiAsync(id, CancellationToken.None))!.Status);
        Assert.Equal(OnboardingStage.Published, await workflow.DecideAsync(Security, id, true, null, CancellationToken.None, reviewedRevision: 1));
    }
}
