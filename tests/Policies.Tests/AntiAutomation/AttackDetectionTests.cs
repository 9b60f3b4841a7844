using System.Net;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.AntiAutomation;

/// <summary>Each attack pattern raises exactly its alert, with evidence; a normal steady client raises none.</summary>
public class AttackDetectionTests
{
    private static Dictionary<string, string?> Detection(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AntiAutomation:Detection:AuthenticationFailures"] = "10",
            ["AntiAutomation:Detection:ClientErrors"] = "15",
            ["AntiAutomation:Detection:IdenticalRequests"] = "1000",
            ["AntiAutomation:Detection:BurstBucket"] = "00:00:00.250",
            ["AntiAutomation:Detection:BurstFactor"] = "8",
            ["AntiAutomation:Detection:BurstMinimum"] = "60",
            ["AntiAutomation:Detection:BurstWarmupBuckets"] = "4",
        };
        foreach (var (key, value) in overrides)
            settings[key] = value;
        return settings;
    }

    private static async Task<JsonElement[]> AlertsAsync(TestGateway gateway) =>
        JsonDocument.Parse(await gateway.Admin.GetStringAsync("/admin/v1/anti-automation/alerts")).RootElement.EnumerateArray().ToArray();

    [Fact]
    public async Task A_token_guessing_run_raises_one_authentication_failures_alert_with_evidence()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Detection());
        await gateway.PublishApiAsync("dinkes", "masuk", "v1", [upstream.BaseUrl]);

        // Guessed bearer tokens: the gateway refuses each with 401.
        var requestIds = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/dinkes/masuk/v1/data");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", $"eyJhbGciOiJFUzI1NiJ9.guess{i}.sig");
            var response = await gateway.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            requestIds.Add(response.Headers.GetValues("X-Request-Id").Single());
        }
        Assert.Equal(0, upstream.Count);

        var alert = Assert.Single(await AlertsAsync(gateway));
        Assert.Equal("authentication-failures", alert.GetProperty("kind").GetString());
        Assert.Equal("ip:127.0.0.1", alert.GetProperty("subject").GetString());
        Assert.Equal("10", alert.GetProperty("evidence").GetProperty("count").GetString());
        Assert.Equal("60", alert.GetProperty("evidence").GetProperty("windowSeconds").GetString());
        var samples = alert.GetProperty("sampleRequestIds").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.NotEmpty(samples);
        Assert.All(samples, id => Assert.Contains(id, requestIds));
    }

    [Fact]
    public async Task An_enumeration_run_raises_one_enumeration_alert()
    {
        await using var upstream = await StubUpstream.StartAsync();
        upstream.Handler = context => { context.Response.StatusCode = 404; return Task.CompletedTask; };
        await using var gateway = await TestGateway.StartAsync(Detection());
        await gateway.PublishApiAsync("disdukcapil", "kependudukan", "v1", [upstream.BaseUrl], isPublic: true);

        for (var i = 0; i < 30; i++)
            await gateway.Client.GetAsync($"/disdukcapil/kependudukan/v1/penduduk/32750101019{i:00000}");

        var alert = Assert.Single(await AlertsAsync(gateway));
        Assert.Equal("enumeration", alert.GetProperty("kind").GetString());
        Assert.Equal("15", alert.GetProperty("evidence").GetProperty("count").GetString());
    }

    [Fact]
    public async Task A_burst_far_above_the_clients_baseline_raises_one_burst_alert_and_a_steady_client_raises_none()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var steadyGateway = await TestGateway.StartAsync(Detection());
        await using var burstGateway = await TestGateway.StartAsync(Detection());
        foreach (var gateway in new[] { steadyGateway, burstGateway })
            await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl], isPublic: true);

        // Both clients first behave steadily: about 4 requests per 250 ms bucket for 2 s.
        await SteadyAsync(steadyGateway, TimeSpan.FromSeconds(3));
        await SteadyAsync(burstGateway, TimeSpan.FromSeconds(2));
        // Then one of them fires 150 requests as fast as it can.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            for (var i = 0; i < 25; i++)
                await burstGateway.Client.GetAsync("/dinkes/faskes/v1/x?n=" + i);
        }));

        Assert.Empty(await AlertsAsync(steadyGateway));
        var alert = Assert.Single(await AlertsAsync(burstGateway));
        Assert.Equal("burst", alert.GetProperty("kind").GetString());
        // The evidence states the rule that fired: the bucket's count reached the factor times the learnt baseline.
        // (On a busy machine the burst spans several buckets and the first ones enter the baseline, so its exact value
        // varies; the steady client's own rate, about 4 a bucket, is far below the 60 the burst needs.)
        var evidence = alert.GetProperty("evidence");
        var count = int.Parse(evidence.GetProperty("count").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var baseline = double.Parse(evidence.GetProperty("baseline").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        // The baseline is shown to two decimals, hence the small tolerance.
        Assert.True(count >= 60 && count >= 8 * baseline - 0.1, $"a burst alert of {count} requests against a baseline of {baseline}");
    }

    [Fact]
    public async Task With_blocking_configured_the_detected_source_is_refused_and_the_upstream_sees_nothing_more()
    {
        await using var upstream = await StubUpstream.StartAsync();
        upstream.Handler = context => { context.Response.StatusCode = 403; return Task.CompletedTask; };
        await using var gateway = await TestGateway.StartAsync(Detection(("AntiAutomation:Detection:Action", "Block")));
        await gateway.PublishApiAsync("dinkes", "masuk", "v1", [upstream.BaseUrl], isPublic: true);

        for (var i = 0; i < 10; i++)
            await gateway.Client.GetAsync("/dinkes/masuk/v1/login?try=" + i);
        var afterDetection = await gateway.Client.GetAsync("/dinkes/masuk/v1/login?try=again");

        Assert.Equal(HttpStatusCode.TooManyRequests, afterDetection.StatusCode);
        Assert.Equal(10, upstream.Count);
        var block = JsonDocument.Parse(await gateway.Admin.GetStringAsync("/admin/v1/anti-automation/blocks")).RootElement.EnumerateArray().Single();
        Assert.Equal("ip:127.0.0.1", block.GetProperty("subject").GetString());
    }

    private static async Task SteadyAsync(TestGateway gateway, TimeSpan duration)
    {
        var end = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < end)
        {
            await gateway.Client.GetAsync("/dinkes/faskes/v1/x");
            await Task.Delay(60);
        }
    }
}
