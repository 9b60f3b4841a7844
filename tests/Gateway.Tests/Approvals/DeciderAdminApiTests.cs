using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Approvals;

/// <summary>
/// The approval workflow's admin API endpoints are the deciders' door as much as the portal's pages (GOV-01; Kota Bekasi
/// Pasal 22 ayat (3) huruf c-d): a reviewer decides a stage, an OPD's publisher a subscription, each from their own portal
/// session with a second factor (Pasal 59 ayat (6) huruf c) and the session's anti-forgery token. Before, the endpoints
/// admitted only the platform administrator, who decides no stage: an API registered through the admin API could not be
/// approved by anyone. The rest of the admin API stays closed to them, and the workflow still refuses the wrong decider.
/// </summary>
public sealed class DeciderAdminApiTests
{
    [Fact]
    public async Task Reviewers_decide_their_stages_through_the_admin_api_only_from_a_second_factor_session_with_the_anti_forgery_token()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Portal:PasswordHashIterations"] = "10000" });
        var id = await ApprovalTestApis.RegisterDraftAsync(gateway, upstream.BaseUrl);
        await gateway.MoveApiAsync(id, "Submitted");
        var requestId = (await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/approval-requests?apiId={id}&pending=true"))[0].GetProperty("id").GetString();
        var decisions = $"/admin/v1/approval-requests/{requestId}/decisions";

        var (unenrolled, unenrolledToken) = await PortalPeople.SignInAsync(gateway, "peninjau-tanpa-faktor",
            await PortalPeople.CreateAsync(gateway, "peninjau-tanpa-faktor", PortalRole.OperationalReviewer, enrolAuthenticator: false));
        var (operational, operationalToken) = await PortalPeople.SignInAsync(gateway, "peninjau-operasi",
            await PortalPeople.CreateAsync(gateway, "peninjau-operasi", PortalRole.OperationalReviewer));
        var (security, securityToken) = await PortalPeople.SignInAsync(gateway, "peninjau-keamanan",
            await PortalPeople.CreateAsync(gateway, "peninjau-keamanan", PortalRole.SecurityReviewer));

        // A password alone decides nothing; nor does a session's cookie without its anti-forgery token (a cross-site request).
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(unenrolled, HttpMethod.Post, decisions, new { approve = true }, unenrolledToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(operational, HttpMethod.Post, decisions, new { approve = true }, token: null)).StatusCode);
        Assert.Equal("operasional", await StageOfAsync(gateway, requestId));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(operational, HttpMethod.Get, $"/admin/v1/approval-requests/{requestId}", null, token: null)).StatusCode);
        var first = await SendAsync(operational, HttpMethod.Post, decisions, new { approve = true, notes = "Layak operasi" }, operationalToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("keamanan", await StageOfAsync(gateway, requestId));

        // The rest of the admin API stays the administrator's, and the workflow refuses the same person at the next stage.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(operational, HttpMethod.Post, "/admin/v1/opds", new { code = "palsu", name = "Palsu" }, operationalToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(operational, HttpMethod.Post, $"/admin/v1/apis/{id}/status", new { status = "Published" }, operationalToken)).StatusCode);
        var again = await SendAsync(operational, HttpMethod.Post, decisions, new { approve = true }, operationalToken);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        await gateway.WaitForRoutesAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync(ApprovalTestApis.Path)).StatusCode);
        Assert.Equal(0, upstream.Count);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(security, HttpMethod.Post, decisions, new { approve = true, notes = "Layak keamanan" }, securityToken)).StatusCode);
        await gateway.MoveApiAsync(id, "Published");
        await gateway.WaitForRoutesAsync();
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(ApprovalTestApis.Path)).StatusCode);
        var decided = await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/approval-requests/{requestId}");
        Assert.Equal("Approved", decided.GetProperty("status").GetString());
        Assert.Equal(["operasional:peninjau-operasi", "keamanan:peninjau-keamanan"], decided.GetProperty("decisions").EnumerateArray()
            .Where(d => d.GetProperty("action").GetString() == "approved").Select(d => $"{d.GetProperty("stage").GetString()}:{d.GetProperty("actor").GetString()}"));
    }

    [Fact]
    public async Task The_opds_publisher_decides_a_subscription_through_the_admin_api_and_a_reviewer_cannot()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Portal:PasswordHashIterations"] = "10000" });
        var apiId = await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        var client = await gateway.CreateClientAsync("pemanggil");
        var subscription = await gateway.SubscribeAsync(client.ClientId, apiId, approve: false);
        var status = $"/admin/v1/subscriptions/{subscription}/status";

        var (reviewer, reviewerToken) = await PortalPeople.SignInAsync(gateway, "peninjau-keamanan",
            await PortalPeople.CreateAsync(gateway, "peninjau-keamanan", PortalRole.SecurityReviewer));
        var (otherPublisher, otherToken) = await PortalPeople.SignInAsync(gateway, "penerbit-lain",
            await PortalPeople.CreateAsync(gateway, "penerbit-lain", PortalRole.ApiPublisher, "pemanggil"));
        var (publisher, publisherToken) = await PortalPeople.SignInAsync(gateway, "penerbit-dinkes",
            await PortalPeople.CreateAsync(gateway, "penerbit-dinkes", PortalRole.ApiPublisher, "dinkes"));

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(reviewer, HttpMethod.Post, status, new { status = "Approved" }, reviewerToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(otherPublisher, HttpMethod.Post, status, new { status = "Approved" }, otherToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(publisher, HttpMethod.Post, status, new { status = "Approved" }, token: null)).StatusCode);
        // A publisher's session opens the subscription decision only: not the reviewers' endpoints, not the rest.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(publisher, HttpMethod.Get, "/admin/v1/approval-requests", null, token: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(publisher, HttpMethod.Get, $"/admin/v1/subscriptions/{subscription}", null, token: null)).StatusCode);
        Assert.Equal("Requested", await SubscriptionStatusAsync(gateway, subscription));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(publisher, HttpMethod.Post, status, new { status = "Approved" }, publisherToken)).StatusCode);
        Assert.Equal("Approved", await SubscriptionStatusAsync(gateway, subscription));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient person, HttpMethod method, string path, object? body, string? token)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
            request.Headers.Add("X-CSRF-TOKEN", token);
        var response = await person.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<string?> StageOfAsync(TestGateway gateway, string? requestId) =>
        (await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/approval-requests/{requestId}")).GetProperty("stageKey").GetString();

    private static async Task<string?> SubscriptionStatusAsync(TestGateway gateway, Guid subscription) =>
        (await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/subscriptions/{subscription}")).GetProperty("status").GetString();
}
