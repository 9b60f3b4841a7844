using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.Approvals;

/// <summary>
/// No API reaches the reviewers without the registration profile the regulations ask for (issue 18): the owner contact
/// (REG-01), the PSE registration number (003 Pasal 53), an SLA target of at least 95% (Pasal 60 ayat (3) huruf m) and
/// the plans offered. Through the admin API and through the registry's own workflow (the demo seeder's and the portal's
/// door) a draft without it stays a draft, and the refusal names each missing field.
/// </summary>
public sealed class SubmissionProfileTests
{
    [Fact]
    public async Task A_draft_without_its_registration_profile_is_not_submitted_through_the_admin_api_and_the_problem_names_each_missing_field()
    {
        await using var gateway = await TestGateway.StartAsync();
        var id = await ApprovalTestApis.RegisterDraftAsync(gateway, "http://127.0.0.1:9", withProfile: false);

        var refused = await gateway.Admin.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Submitted" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["ownerContact", "plans", "pseRegistrationNumber", "slaTargetPercent"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("at least 95", errors.GetProperty("slaTargetPercent")[0].GetString());
        Assert.Equal("Draft", (await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/apis/{id}")).GetProperty("status").GetString());
        Assert.Empty((await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/approval-requests?apiId={id}&pending=true")).EnumerateArray());

        // A profile promising 90% is not stored, so it does not open the door either.
        var low = await gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{id}/profile", new
        {
            ownerContact = "Seksi Data, dinkes@bekasikota.go.id", pseRegistrationNumber = "PSE-001/2026", slaTargetPercent = 90m, plans = new[] { "Bronze" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, low.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await gateway.Admin.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Submitted" })).StatusCode);

        // Completed, the same draft is submitted and waits for the first stage.
        await gateway.PutRegistrationProfileAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Submitted" })).StatusCode);
        Assert.Single((await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/approval-requests?apiId={id}&pending=true")).EnumerateArray());
    }

    [Fact]
    public async Task The_registrys_workflow_refuses_the_same_submission_whoever_calls_it()
    {
        await using var gateway = await TestGateway.StartAsync();
        var id = await ApprovalTestApis.RegisterDraftAsync(gateway, "http://127.0.0.1:9", withProfile: false);
        var publisher = TestApprovals.Person("penerbit-dinkes", PortalRole.ApiPublisher, "dinkes");

        var refused = await Assert.ThrowsAsync<RegistryValidationException>(() => gateway.Approvals.Workflow.SubmitAsync(publisher, id, CancellationToken.None));
        Assert.Contains("pseRegistrationNumber", refused.Errors.Keys);
        Assert.Contains("ownerContact", refused.Errors.Keys);
        Assert.Null(await gateway.Approvals.Workflow.FindPendingAsync(id, CancellationToken.None));
    }
}
