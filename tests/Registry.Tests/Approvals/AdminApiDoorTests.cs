using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.Approvals;

/// <summary>
/// No door publishes without the approval profile's decisions (GOV-01; Kota Bekasi Pasal 22 ayat (3) huruf c-d): the admin
/// API's lifecycle moves, its decision endpoint as the administrator who submitted, the registry's own methods called
/// directly (what the demo seeder and the portal reach). In each attack the API never becomes routable: the gateway
/// answers 404 and the upstream sees nothing.
/// </summary>
public sealed class AdminApiDoorTests
{
    [Fact]
    public async Task Publishing_through_the_admin_api_without_the_stages_is_refused_naming_the_missing_decision_and_the_api_is_never_routed()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        var id = await ApprovalTestApis.RegisterDraftAsync(gateway, upstream.BaseUrl);

        // The three calls that published an API on their own before: draft -> published, submitted -> approved -> published.
        var publishDraft = await gateway.Admin.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Published" });
        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Submitted" })).StatusCode);
        var approve = await gateway.Admin.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Approved" });
        var publish = await gateway.Admin.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Published" });
        foreach (var refused in new[] { publishDraft, approve, publish })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("operasional", problem.GetProperty("missingDecision").GetString());
            Assert.Contains("Pertimbangan kelaikan operasi", problem.GetProperty("detail").GetString());
        }

        // The administrator who submitted decides through the decision endpoint: neither a reviewer nor another person.
        var request = await gateway.Approvals.Workflow.FindPendingAsync(id, CancellationToken.None);
        var decided = await gateway.Admin.PostAsJsonAsync($"/admin/v1/approval-requests/{request!.Id}/decisions", new { approve = true });
        Assert.Equal(HttpStatusCode.Forbidden, decided.StatusCode);
        Assert.Equal("application/problem+json", decided.Content.Headers.ContentType?.MediaType);

        await gateway.WaitForRoutesAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync(ApprovalTestApis.Path)).StatusCode);
        Assert.Equal(0, upstream.Count);
        Assert.Equal(ApiStatus.Submitted, (await gateway.Services.GetRequiredService<ApiCatalog>().FindApiAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task The_registrys_own_methods_refuse_to_change_a_live_api_and_the_submitter_cannot_decide_through_the_workflow()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var other = await StubUpstream.StartAsync("lain");
        await using var gateway = await TestGateway.StartAsync();
        var id = await ApprovalTestApis.RegisterDraftAsync(gateway, upstream.BaseUrl);
        var catalog = gateway.Services.GetRequiredService<ApiCatalog>();
        var workflow = gateway.Approvals.Workflow;
        var publisher = TestApprovals.Person("penerbit-dinkes", PortalRole.ApiPublisher, "dinkes");

        // The submitter, even holding a reviewer's role as well, never decides their own submission.
        var request = await workflow.SubmitAsync(publisher with { Roles = new HashSet<PortalRole> { PortalRole.ApiPublisher, PortalRole.OperationalReviewer } }, id, CancellationToken.None);
        var selfApproval = await Assert.ThrowsAsync<ApprovalRefusedException>(() => workflow.DecideAsync(
            publisher with { Roles = new HashSet<PortalRole> { PortalRole.OperationalReviewer } }, request!.Id, new ApprovalDecisionInput(true), CancellationToken.None));
        Assert.Equal("four-eyes", selfApproval.Rule);
        await gateway.WaitForRoutesAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync(ApprovalTestApis.Path)).StatusCode);
        Assert.Equal(0, upstream.Count);

        // Once live through the stages, the catalog itself refuses a direct change of its upstream, whoever calls it.
        await gateway.Approvals.ApproveEveryStageAsync(request!);
        await gateway.MoveApiAsync(id, "Published");
        await gateway.WaitForRoutesAsync();
        var api = (await catalog.FindApiAsync(id, CancellationToken.None))!;
        await Assert.ThrowsAsync<ApprovalRequiredException>(() => catalog.UpdateApiAsync(id, new ApiUpdate(api.Name, null, [other.BaseUrl], true, null, api.Classification, true), CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(ApprovalTestApis.Path)).StatusCode);
        Assert.Equal(0, other.Count);
    }
}
