using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.Approvals;

/// <summary>
/// A change to a live API is a change request: it is not in force (the API keeps answering from its approved upstream,
/// no new route version) until the last stage approves it, which applies it in one step; a rejection leaves the API as it
/// was; the same person never decides both stages.
/// </summary>
public sealed class ChangeRequestTests
{
    [Fact]
    public async Task A_new_upstream_of_a_live_api_is_not_in_force_until_both_stages_approve_it_then_at_once()
    {
        await using var approved = await StubUpstream.StartAsync("disetujui");
        await using var proposed = await StubUpstream.StartAsync("diusulkan");
        await using var gateway = await TestGateway.StartAsync();
        var id = await ApprovalTestApis.RegisterDraftAsync(gateway, approved.BaseUrl);
        await gateway.MoveApiAsync(id, "Submitted");
        await gateway.Approvals.ApprovePendingAsync(id);
        await gateway.MoveApiAsync(id, "Published");
        await gateway.WaitForRoutesAsync();
        var versions = gateway.Services.GetRequiredService<IPublishedApiSource>();
        var before = await versions.GetConfigVersionAsync(CancellationToken.None);

        var change = await gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{id}", new
        {
            name = "Fasilitas Kesehatan", upstreamUrls = new[] { proposed.BaseUrl }, allowInsecureUpstream = true, classification = "Public", isPublic = true,
        });
        Assert.Equal(HttpStatusCode.Accepted, change.StatusCode);
        var body = JsonDocument.Parse(await change.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Pending", body.GetProperty("status").GetString());
        Assert.Equal("operasional", body.GetProperty("stageKey").GetString());
        var requestId = body.GetProperty("id").GetGuid();

        // Pending: the route version does not move and the approved upstream keeps answering.
        Assert.Equal(before, await versions.GetConfigVersionAsync(CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(ApprovalTestApis.Path)).StatusCode);
        var workflow = gateway.Approvals.Workflow;
        var operations = TestApprovals.Person("operasi", PortalRole.OperationalReviewer);
        await workflow.DecideAsync(operations, requestId, new ApprovalDecisionInput(true), CancellationToken.None);
        // One person holding both reviewer roles still decides one stage of a request only.
        var both = operations with { Roles = new HashSet<PortalRole> { PortalRole.OperationalReviewer, PortalRole.SecurityReviewer } };
        var twice = await Assert.ThrowsAsync<ApprovalRefusedException>(() => workflow.DecideAsync(both, requestId, new ApprovalDecisionInput(true), CancellationToken.None));
        Assert.Equal("four-eyes", twice.Rule);
        Assert.Equal(before, await versions.GetConfigVersionAsync(CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(ApprovalTestApis.Path)).StatusCode);
        Assert.Equal(0, proposed.Count);
        Assert.Equal(2, approved.Received.Count(r => r.Path.StartsWith("/fasilitas", StringComparison.Ordinal)));

        await workflow.DecideAsync(TestApprovals.Person("keamanan", PortalRole.SecurityReviewer), requestId, new ApprovalDecisionInput(true), CancellationToken.None);
        await gateway.WaitForRoutesAsync();
        Assert.True(await versions.GetConfigVersionAsync(CancellationToken.None) > before);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(ApprovalTestApis.Path)).StatusCode);
        Assert.Equal(1, proposed.Received.Count(r => r.Path.StartsWith("/fasilitas", StringComparison.Ordinal)));
        var record = await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/approval-requests/{requestId}");
        Assert.Equal("Approved", record.GetProperty("status").GetString());
        Assert.Equal(["change-requested", "approved", "approved", "change-applied"],
            record.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task A_rejected_change_request_leaves_the_live_api_as_approved_and_a_classification_change_waits_too()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        var id = await ApprovalTestApis.RegisterDraftAsync(gateway, upstream.BaseUrl);
        await gateway.MoveApiAsync(id, "Submitted");
        await gateway.Approvals.ApprovePendingAsync(id);
        await gateway.MoveApiAsync(id, "Published");

        // Making the API Restricted and non-public would lock its callers out; it waits for review like any other change
        // (its missing document covered by a security reviewer's waiver, as the standing rules require).
        await gateway.Approvals.RecordWaiverAsync(id, DateTimeOffset.UtcNow);
        var change = await gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{id}", new
        {
            name = "Fasilitas Kesehatan", upstreamUrls = new[] { upstream.BaseUrl }, allowInsecureUpstream = true, classification = "Restricted", isPublic = false,
        });
        Assert.Equal(HttpStatusCode.Accepted, change.StatusCode);
        var requestId = JsonDocument.Parse(await change.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var second = await gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{id}/cors", new { allowedOrigins = new[] { "https://portal.dinkes.example.go.id" } });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);

        var workflow = gateway.Approvals.Workflow;
        var reviewer = TestApprovals.Person("operasi", PortalRole.OperationalReviewer);
        await Assert.ThrowsAsync<SpbeConnector.Registry.Catalog.RegistryValidationException>(() => workflow.DecideAsync(reviewer, requestId, new ApprovalDecisionInput(false), CancellationToken.None));
        await workflow.DecideAsync(reviewer, requestId, new ApprovalDecisionInput(false, "Pemanggil yang ada akan terputus."), CancellationToken.None);

        var api = await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/apis/{id}");
        Assert.Equal("Public", api.GetProperty("classification").GetString());
        Assert.True(api.GetProperty("isPublic").GetBoolean());
        await gateway.WaitForRoutesAsync();
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(ApprovalTestApis.Path)).StatusCode);
    }
}
