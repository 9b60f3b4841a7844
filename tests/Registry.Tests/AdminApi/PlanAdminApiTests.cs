using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.AdminApi;

/// <summary>
/// Plans, the plan of a subscription and per-operation limits through the admin API (Pasal 59 ayat (13) huruf c-e):
/// the national connector's tiers are there from the start, Unlimited only by an administrator's decision, and bad
/// input is refused field by field without changing what is stored.
/// </summary>
public class PlanAdminApiTests
{
    [Fact]
    public async Task The_national_tiers_are_seeded_and_a_new_subscription_gets_bronze()
    {
        await using var gateway = await TestGateway.StartAsync();
        var apiId = await gateway.PublishApiAsync("dinkes", "faskes", "v1", ["http://127.0.0.1:9"]);
        var client = await gateway.CreateClientAsync("pemanggil");

        var plans = await gateway.Admin.GetFromJsonAsync<JsonElement>("/admin/v1/plans");
        var subscriptionId = await gateway.SubscribeAsync(client.ClientId, apiId);
        var subscription = await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/subscriptions/{subscriptionId}");

        var byName = plans.EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["Bronze", "Silver", "Gold", "Unlimited"], byName.Keys);
        Assert.Equal(1000, byName["Bronze"].GetProperty("requestsPerMinute").GetInt64());
        Assert.Equal(2000, byName["Silver"].GetProperty("requestsPerMinute").GetInt64());
        Assert.Equal(5000, byName["Gold"].GetProperty("requestsPerMinute").GetInt64());
        Assert.True(byName["Unlimited"].GetProperty("administratorOnly").GetBoolean());
        Assert.Equal("Bronze", subscription.GetProperty("plan").GetString());
    }

    [Fact]
    public async Task Unlimited_is_attached_only_by_an_explicit_administrator_decision()
    {
        await using var gateway = await TestGateway.StartAsync();
        var apiId = await gateway.PublishApiAsync("dinkes", "faskes", "v1", ["http://127.0.0.1:9"]);
        var client = await gateway.CreateClientAsync("pemanggil");

        var requested = await gateway.Admin.PostAsJsonAsync("/admin/v1/subscriptions", new { clientId = client.ClientId, apiId, plan = "Unlimited", purpose = "Uji" });
        var subscriptionId = await gateway.SubscribeAsync(client.ClientId, apiId);
        var withoutDecision = await gateway.Admin.PutAsJsonAsync($"/admin/v1/subscriptions/{subscriptionId}/plan", new { plan = "Unlimited" });
        var gold = await gateway.Admin.PutAsJsonAsync($"/admin/v1/subscriptions/{subscriptionId}/plan", new { plan = "Gold" });
        var afterRefusal = await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/subscriptions/{subscriptionId}");
        var decided = await gateway.Admin.PutAsJsonAsync($"/admin/v1/subscriptions/{subscriptionId}/plan", new { plan = "Unlimited", administratorDecision = true });

        Assert.Equal(HttpStatusCode.BadRequest, requested.StatusCode);
        Assert.Contains("administrator", await requested.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, withoutDecision.StatusCode);
        Assert.True(JsonDocument.Parse(await withoutDecision.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("plan", out _));
        Assert.Equal(HttpStatusCode.OK, gold.StatusCode);
        Assert.Equal("Gold", afterRefusal.GetProperty("plan").GetString());
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("Unlimited", (await decided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("plan").GetString());
    }

    [Fact]
    public async Task A_plan_is_created_and_changed_and_bad_input_is_refused_field_by_field_without_changing_it()
    {
        await using var gateway = await TestGateway.StartAsync();

        var created = await gateway.Admin.PostAsJsonAsync("/admin/v1/plans", new
        {
            name = "opd-internal", requestsPerSecond = 10, requestsPerMinute = 300, dailyQuota = 100_000, monthlyQuota = 2_000_000, maxConcurrentRequests = 20,
        });
        var duplicate = await gateway.Admin.PostAsJsonAsync("/admin/v1/plans", new { name = "opd-internal", requestsPerMinute = 1 });
        var invalid = await gateway.Admin.PutAsJsonAsync("/admin/v1/plans/opd-internal", new
        {
            name = "opd-internal", requestsPerSecond = 0, requestsPerMinute = 300, dailyQuota = 100, monthlyQuota = 50, maxConcurrentRequests = -1,
        });
        var badName = await gateway.Admin.PostAsJsonAsync("/admin/v1/plans", new { name = "bad name!", requestsPerMinute = 1 });
        var stored = await gateway.Admin.GetFromJsonAsync<JsonElement>("/admin/v1/plans/opd-internal");
        var changed = await gateway.Admin.PutAsJsonAsync("/admin/v1/plans/opd-internal", new { name = "ignored", requestsPerMinute = 600 });
        var missing = await gateway.Admin.PutAsJsonAsync("/admin/v1/plans/none", new { name = "none", requestsPerMinute = 600 });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("requestsPerSecond", out _));
        Assert.True(errors.TryGetProperty("maxConcurrentRequests", out _));
        Assert.True(errors.TryGetProperty("dailyQuota", out _)); // 100 a day under 300 a minute
        Assert.True(errors.TryGetProperty("monthlyQuota", out _)); // 50 a month under 100 a day
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Equal((10, 300, 100_000, 2_000_000, 20), (stored.GetProperty("requestsPerSecond").GetInt64(), stored.GetProperty("requestsPerMinute").GetInt64(),
            stored.GetProperty("dailyQuota").GetInt64(), stored.GetProperty("monthlyQuota").GetInt64(), stored.GetProperty("maxConcurrentRequests").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("opd-internal", after.GetProperty("name").GetString());
        Assert.Equal(600, after.GetProperty("requestsPerMinute").GetInt64());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("dailyQuota").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Operation_limits_are_replaced_as_a_whole_and_bad_templates_are_refused()
    {
        await using var gateway = await TestGateway.StartAsync();
        var apiId = await gateway.PublishApiAsync("dinkes", "faskes", "v1", ["http://127.0.0.1:9"]);

        var put = await gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{apiId}/operation-limits", new[]
        {
            new { method = "POST", pathTemplate = "/laporan/{id}/lampiran", requestsPerMinute = 5L },
            new { method = "*", pathTemplate = "/ekspor", requestsPerMinute = 1L },
        });
        var invalid = await gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{apiId}/operation-limits", new[]
        {
            new { method = "get", pathTemplate = "laporan", requestsPerMinute = 0L },
            new { method = "GET", pathTemplate = "/a/{x", requestsPerMinute = 1L },
        });
        var listed = await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/apis/{apiId}/operation-limits");
        var unknownApi = await gateway.Admin.GetAsync($"/admin/v1/apis/{Guid.NewGuid()}/operation-limits");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("[0].method", out _));
        Assert.True(errors.TryGetProperty("[0].pathTemplate", out _));
        Assert.True(errors.TryGetProperty("[0].requestsPerMinute", out _));
        Assert.True(errors.TryGetProperty("[1].pathTemplate", out _));
        Assert.Equal(2, listed.GetArrayLength()); // the refused replacement changed nothing
        Assert.Equal("/ekspor", listed[0].GetProperty("pathTemplate").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownApi.StatusCode);
    }

    [Fact]
    public async Task A_plan_is_deleted_only_when_no_subscription_is_on_it_and_bronze_stays()
    {
        await using var gateway = await TestGateway.StartAsync();
        var apiId = await gateway.PublishApiAsync("dinkes", "faskes", "v1", ["http://127.0.0.1:9"]);
        var client = await gateway.CreateClientAsync("pemanggil");
        var created = await gateway.Admin.PostAsJsonAsync("/admin/v1/plans", new { name = "Percobaan", requestsPerMinute = 10 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var subscriptionId = await gateway.SubscribeAsync(client.ClientId, apiId);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.PutAsJsonAsync($"/admin/v1/subscriptions/{subscriptionId}/plan", new { plan = "Percobaan" })).StatusCode);

        var whileInUse = await gateway.Admin.DeleteAsync("/admin/v1/plans/Percobaan");
        var bronze = await gateway.Admin.DeleteAsync("/admin/v1/plans/Bronze");

        Assert.Equal(HttpStatusCode.Conflict, whileInUse.StatusCode);
        Assert.Contains("1 subscription(s) are on plan 'Percobaan'", await whileInUse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, bronze.StatusCode);
        // Nothing changed: the subscription keeps its plan.
        var subscription = await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/subscriptions/{subscriptionId}");
        Assert.Equal("Percobaan", subscription.GetProperty("plan").GetString());

        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.PutAsJsonAsync($"/admin/v1/subscriptions/{subscriptionId}/plan", new { plan = "Silver" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await gateway.Admin.DeleteAsync("/admin/v1/plans/Percobaan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Admin.GetAsync("/admin/v1/plans/Percobaan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Admin.DeleteAsync("/admin/v1/plans/Percobaan")).StatusCode);
    }
}
