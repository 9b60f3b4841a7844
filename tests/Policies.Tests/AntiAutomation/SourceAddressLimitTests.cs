using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.AntiAutomation;

public class SourceAddressLimitTests
{
    [Fact]
    public async Task The_source_limit_lets_exactly_n_through_then_answers_429_with_the_standard_headers_and_the_upstream_sees_only_n()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["AntiAutomation:PerIpLimit"] = "5",
            ["AntiAutomation:PerIpWindow"] = "01:00:00",
        });
        await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl], isPublic: true);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await gateway.Client.GetAsync("/dinkes/faskes/v1/x")).StatusCode);
        var refused = await gateway.Client.GetAsync("/dinkes/faskes/v1/x");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) is > 0 and <= 3600);
        Assert.Equal("\"per-ip\";q=5;w=3600", refused.Headers.GetValues("RateLimit-Policy").Single());
        Assert.StartsWith("\"per-ip\";r=0;t=", refused.Headers.GetValues("RateLimit").Single());
        Assert.Equal(5, upstream.Count);
    }

    [Fact]
    public async Task An_administrator_changes_the_limit_at_run_time_and_it_takes_effect_at_once()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["AntiAutomation:PerIpWindow"] = "01:00:00" });
        await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl], isPublic: true);
        var settings = await gateway.Admin.GetFromJsonAsync<JsonElement>("/admin/v1/anti-automation/settings");

        var put = await gateway.Admin.PutAsJsonAsync("/admin/v1/anti-automation/settings", new
        {
            perIpLimit = 3, perIpWindow = "01:00:00", tokenEndpointPerIpLimit = 100, tokenEndpointPerIpWindow = "00:01:00",
            detectionAction = "Alert", blockDuration = "00:15:00",
        });
        put.EnsureSuccessStatusCode();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await gateway.Client.GetAsync("/dinkes/faskes/v1/x")).StatusCode);

        Assert.Equal(6000, settings.GetProperty("perIpLimit").GetInt64());
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(3, upstream.Count);
        var invalid = await gateway.Admin.PutAsJsonAsync("/admin/v1/anti-automation/settings", new
        {
            perIpLimit = 0, perIpWindow = "01:00:00", tokenEndpointPerIpLimit = 100, tokenEndpointPerIpWindow = "00:01:00",
            detectionAction = "Alert", blockDuration = "00:15:00",
        });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(3, (await gateway.Admin.GetFromJsonAsync<JsonElement>("/admin/v1/anti-automation/settings")).GetProperty("perIpLimit").GetInt64());
    }

    [Fact]
    public async Task A_blocked_source_is_refused_before_anything_reaches_the_upstream_until_the_block_is_lifted()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl], isPublic: true);

        (await gateway.Admin.PostAsJsonAsync("/admin/v1/anti-automation/blocks", new { subject = "ip:127.0.0.1", duration = "00:10:00", reason = "uji" })).EnsureSuccessStatusCode();
        var blocked = await gateway.Client.GetAsync("/dinkes/faskes/v1/x");
        (await gateway.Admin.DeleteAsync("/admin/v1/anti-automation/blocks/ip:127.0.0.1")).EnsureSuccessStatusCode();
        var lifted = await gateway.Client.GetAsync("/dinkes/faskes/v1/x");

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal("Temporarily blocked", JsonDocument.Parse(await blocked.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        Assert.Equal(1, upstream.Count);
    }
}
