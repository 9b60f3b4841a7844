using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Plans;

/// <summary>
/// Without Redis, a plan's daily quota used up before the gateway is killed (SIGKILL: no stop, no final save) is still
/// used up when it is back on the same data directory: the counts are saved every second (Pasal 59 ayat (13) huruf c-e).
/// </summary>
public class QuotaAfterKillTests
{
    [Fact]
    public async Task A_quota_used_up_before_a_sigkill_is_still_used_up_after_the_restart()
    {
        var data = Path.Combine(Path.GetTempPath(), "spbe-quota-kill-" + Guid.NewGuid().ToString("N"));
        await using var upstream = await StubUpstream.StartAsync();
        try
        {
            (string Id, string Secret) client;
            int forwarded;
            await using (var gateway = await GatewayProcess.StartAsync(data))
            {
                using var admin = await gateway.CreateAdminClientAsync();
                var apiId = await AdminApiCalls.PublishApiAsync(admin, "dinkes", "faskes", "v1", [upstream.BaseUrl], isPublic: false);
                await AdminApiCalls.EnsureSuccessAsync(await admin.PostAsJsonAsync("/admin/v1/plans", new { name = "harian", dailyQuota = 3, monthlyQuota = 100 }));
                await AdminApiCalls.EnsureOpdAsync(admin, "pemanggil");
                var created = await admin.PostAsJsonAsync("/admin/v1/clients", new { opdCode = "pemanggil", name = "Aplikasi pemanggil" });
                await AdminApiCalls.EnsureSuccessAsync(created);
                var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
                client = (body.GetProperty("client").GetProperty("clientId").GetString()!, body.GetProperty("clientSecret").GetString()!);
                var requested = await admin.PostAsJsonAsync("/admin/v1/subscriptions", new { clientId = client.Id, apiId });
                await AdminApiCalls.EnsureSuccessAsync(requested);
                var subscriptionId = JsonDocument.Parse(await requested.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
                await AdminApiCalls.EnsureSuccessAsync(await admin.PostAsJsonAsync($"/admin/v1/subscriptions/{subscriptionId}/status", new { status = "Approved" }));
                await AdminApiCalls.EnsureSuccessAsync(await admin.PutAsJsonAsync($"/admin/v1/subscriptions/{subscriptionId}/plan", new { plan = "harian", administratorDecision = true }));

                using var caller = await CallerAsync(gateway, client);
                // Until the access rules and the plan reach the data plane (within a second) the subscription may be refused
                // or on the default plan; then the plan's daily quota of 3 runs out and its refusal says so.
                HttpResponseMessage last = null!;
                await TestGateway.EventuallyAsync(async () => (last = await caller.GetAsync("/dinkes/faskes/v1/x")).StatusCode == HttpStatusCode.TooManyRequests,
                    TimeSpan.FromSeconds(20), "the plan's daily quota is used up");
                Assert.Contains("\"client-day\";q=3", last.Headers.GetValues("RateLimit-Policy").Single());
                await Task.Delay(TimeSpan.FromSeconds(2)); // the counts are saved at least every second
                await gateway.KillAsync();
                forwarded = upstream.Count;
            }

            await using (var restarted = await GatewayProcess.StartAsync(data))
            {
                using var caller = await CallerAsync(restarted, client);
                HttpResponseMessage after = null!;
                // Routed and authorised again, the client is still over its quota: refused, never forwarded.
                await TestGateway.EventuallyAsync(async () => (after = await caller.GetAsync("/dinkes/faskes/v1/x")).StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.OK,
                    TimeSpan.FromSeconds(15), "the API is routed after the restart");
                Assert.Equal(HttpStatusCode.TooManyRequests, after.StatusCode);
                Assert.Contains("\"client-day\";q=3", after.Headers.GetValues("RateLimit-Policy").Single());
            }
            Assert.Equal(forwarded, upstream.Count);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<HttpClient> CallerAsync(GatewayProcess gateway, (string Id, string Secret) client)
    {
        using var anonymous = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", TestGateway.BasicCredentials(client.Id, client.Secret));
        var response = await anonymous.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var token = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
        return gateway.CreateClient(token);
    }
}
