using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.Approvals;

/// <summary>
/// An emergency act (suspending an API) is taken at once by one person, only with a reason; it is recorded and flagged
/// until another person reviews it; resuming the API is a security reviewer's decision, not the suspender's.
/// </summary>
public sealed class EmergencyActTests
{
    [Fact]
    public async Task Suspending_an_api_needs_a_reason_takes_effect_at_once_and_waits_for_another_persons_review()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        var id = await ApprovalTestApis.RegisterDraftAsync(gateway, upstream.BaseUrl);
        await gateway.MoveApiAsync(id, "Submitted");
        await gateway.Approvals.ApprovePendingAsync(id);
        await gateway.MoveApiAsync(id, "Published");
        await gateway.WaitForRoutesAsync();
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(ApprovalTestApis.Path)).StatusCode);

        var noReason = await gateway.Admin.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Suspended" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync());
        var suspended = await gateway.Admin.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Suspended", reason = "Kebocoran data penduduk dilaporkan." });
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        await gateway.WaitForRoutesAsync();
        upstream.Clear();
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync(ApprovalTestApis.Path)).StatusCode);
        Assert.Equal(0, upstream.Count);

        var waiting = await gateway.Admin.GetFromJsonAsync<JsonElement>("/admin/v1/emergency-acts?awaitingReview=true");
        var act = Assert.Single(waiting.EnumerateArray());
        Assert.Equal("api-suspended", act.GetProperty("act").GetString());
        Assert.Equal("Kebocoran data penduduk dilaporkan.", act.GetProperty("reason").GetString());
        Assert.StartsWith("spbe-mgmt-", act.GetProperty("actorName").GetString()); // the test gateway's management client (named callers)
        var actId = act.GetProperty("id").GetGuid();

        // The one who acted does not review their own act.
        Assert.Equal(HttpStatusCode.Forbidden, (await gateway.Admin.PostAsJsonAsync($"/admin/v1/emergency-acts/{actId}/review", new { notes = "Sudah benar." })).StatusCode);
        var workflow = gateway.Approvals.Workflow;
        await workflow.ReviewEmergencyActAsync(TestApprovals.SecurityReviewer, actId, "Tindakan tepat; API tetap ditangguhkan sampai perbaikan.", CancellationToken.None);
        Assert.Empty((await gateway.Admin.GetFromJsonAsync<JsonElement>("/admin/v1/emergency-acts?awaitingReview=true")).EnumerateArray());

        // Only a security reviewer resumes it.
        Assert.Equal(HttpStatusCode.Forbidden, (await gateway.Admin.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Published" })).StatusCode);
        await workflow.ResumeAsync(TestApprovals.SecurityReviewer, id, "Celah ditutup.", CancellationToken.None);
        await gateway.WaitForRoutesAsync();
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(ApprovalTestApis.Path)).StatusCode);
    }

    [Fact]
    public async Task Disabling_a_client_and_revoking_a_subscription_are_refused_without_a_reason()
    {
        await using var gateway = await TestGateway.StartAsync();
        var api = await gateway.PublishApiAsync("disdukcapil", "kependudukan", "v1", ["http://127.0.0.1:9"]);
        var client = await gateway.CreateClientAsync("dinkes");
        var subscription = await gateway.SubscribeAsync(client.ClientId, api);

        Assert.Equal(HttpStatusCode.BadRequest, (await gateway.Admin.PostAsJsonAsync($"/admin/v1/clients/{client.ClientId}/status", new { status = "Disabled" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await gateway.Admin.PostAsJsonAsync($"/admin/v1/subscriptions/{subscription}/status", new { status = "Revoked" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.PostAsJsonAsync($"/admin/v1/subscriptions/{subscription}/status", new { status = "Revoked", reason = "Aplikasi disalahgunakan." })).StatusCode);
        var acts = await gateway.Admin.GetFromJsonAsync<JsonElement>("/admin/v1/emergency-acts");
        Assert.Equal("subscription-revoked", Assert.Single(acts.EnumerateArray()).GetProperty("act").GetString());
    }
}
