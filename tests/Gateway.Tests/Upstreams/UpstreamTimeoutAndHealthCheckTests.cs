using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Upstreams;

/// <summary>
/// A hung upstream costs its callers no more than the API's own timeout, answered as a 504 problem; active health checks
/// take a failing instance out of rotation before clients meet it, and bring it back when it recovers.
/// </summary>
public class UpstreamTimeoutAndHealthCheckTests
{
    [Fact]
    public async Task A_hung_upstream_is_answered_with_a_504_problem_within_the_APIs_own_timeout()
    {
        await using var upstream = await StubUpstream.StartAsync("hung");
        upstream.Handler = context => Task.Delay(Timeout.Infinite, context.RequestAborted); // accepts, never answers
        await using var gateway = await TestGateway.StartAsync(); // the gateway's default timeout is a minute
        var api = await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl], isPublic: true, upstreamTimeout: "00:00:01");
        Assert.Equal("00:00:01", (await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/apis/{api}")).GetProperty("upstreamTimeout").GetString());

        var watch = Stopwatch.StartNew();
        var response = await gateway.Client.GetAsync("/dinkes/faskes/v1/rekap");
        watch.Stop();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(504, problem.GetProperty("status").GetInt32());
        Assert.Equal("Upstream timed out", problem.GetProperty("title").GetString());
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_timeout_or_probe_path_outside_the_rules_is_refused_at_registration()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.EnsureOpdAsync("dinkes");
        var response = await gateway.Admin.PostAsJsonAsync("/admin/v1/apis", new
        {
            opdCode = "dinkes", name = "Faskes", slug = "faskes", version = "v1", upstreamUrls = new[] { "https://faskes.example" },
            classification = "Restricted", upstreamTimeout = "00:30:00", healthCheck = new { path = "/../admin?x=1", interval = "00:00:00.100" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("upstreamTimeout", out _));
        Assert.True(errors.TryGetProperty("healthCheck.path", out _));
        Assert.True(errors.TryGetProperty("healthCheck.interval", out _));
    }

    [Fact]
    public async Task Active_health_checks_take_a_failing_instance_out_of_rotation_and_bring_it_back()
    {
        var healthy = true;
        await using var a = await StubUpstream.StartAsync("a");
        a.Handler = async context =>
        {
            if (context.Request.Path == "/health" && !Volatile.Read(ref healthy))
                context.Response.StatusCode = 503;
            await context.Response.WriteAsync("""{"upstream":"a"}""");
        };
        await using var b = await StubUpstream.StartAsync("b");
        await using var gateway = await TestGateway.StartAsync();
        var api = await gateway.PublishApiAsync("dinkes", "faskes", "v1", [a.BaseUrl, b.BaseUrl], isPublic: true,
            healthCheck: new { path = "/health", interval = "00:00:01" });
        var settings = (await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/apis/{api}")).GetProperty("healthCheck");
        Assert.Equal("/health", settings.GetProperty("path").GetString());

        await TestGateway.EventuallyAsync(() => Task.FromResult(Probes(a) >= 2 && Probes(b) >= 2), TimeSpan.FromSeconds(10), "both instances are probed");
        await TestGateway.EventuallyAsync(async () => await ServedByAsync(gateway, 20) is { a: > 0, b: > 0 }, TimeSpan.FromSeconds(10), "both instances serve");

        Volatile.Write(ref healthy, false); // a's probe fails, though its other paths would still answer
        var probesBefore = Probes(a);
        await TestGateway.EventuallyAsync(() => Task.FromResult(Probes(a) >= probesBefore + 3), TimeSpan.FromSeconds(10), "a fails consecutive probes");
        var whileUnhealthy = await ServedByAsync(gateway, 30);
        Assert.Equal(0, whileUnhealthy.a);
        Assert.Equal(30, whileUnhealthy.b);

        Volatile.Write(ref healthy, true);
        await TestGateway.EventuallyAsync(async () => (await ServedByAsync(gateway, 20)).a > 0, TimeSpan.FromSeconds(10), "a returns to rotation");
    }

    private static int Probes(StubUpstream upstream) => upstream.Received.Count(r => r.Path == "/health");

    /// <summary>Sends <paramref name="count"/> requests; all must succeed; returns how many each instance served.</summary>
    private static async Task<(int a, int b)> ServedByAsync(TestGateway gateway, int count)
    {
        var (a, b) = (0, 0);
        for (var i = 0; i < count; i++)
        {
            var response = await gateway.Client.GetAsync("/dinkes/faskes/v1/rekap");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if ((await response.Content.ReadAsStringAsync()).Contains("\"a\"", StringComparison.Ordinal))
                a++;
            else
                b++;
        }
        return (a, b);
    }
}
