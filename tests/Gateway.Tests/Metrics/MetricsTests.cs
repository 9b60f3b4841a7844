using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Metrics;

public class MetricsTests
{
    private static double Value(string exposition, string series)
    {
        var line = exposition.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no series {series} in:\n{exposition}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Exchanges_latencies_refusals_and_upstream_health_are_exposed_in_prometheus_text_format()
    {
        await using var upstream = await StubUpstream.StartAsync();
        upstream.Handler = async context =>
        {
            context.Response.StatusCode = context.Request.Path.Value!.EndsWith("/missing") ? 404 : 200;
            await context.Response.WriteAsync("{}");
        };
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["AntiAutomation:PerIpLimit"] = "4",
            ["AntiAutomation:PerIpWindow"] = "01:00:00",
        });
        await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl], isPublic: true);

        for (var i = 0; i < 3; i++)
            await gateway.Client.GetAsync("/dinkes/faskes/v1/ok");
        await gateway.Client.GetAsync("/dinkes/faskes/v1/missing");
        await gateway.Client.GetAsync("/dinkes/faskes/v1/refused");
        var response = await gateway.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(3, Value(text, "spbe_requests_total{api=\"dinkes/faskes/v1\",status=\"200\",client=\"anonymous\"}"));
        Assert.Equal(1, Value(text, "spbe_requests_total{api=\"dinkes/faskes/v1\",status=\"404\",client=\"anonymous\"}"));
        Assert.Equal(1, Value(text, "spbe_requests_total{api=\"dinkes/faskes/v1\",status=\"429\",client=\"anonymous\"}"));
        Assert.Equal(5, Value(text, "spbe_request_duration_seconds_count{api=\"dinkes/faskes/v1\"}"));
        Assert.Equal(5, Value(text, "spbe_request_duration_seconds_bucket{api=\"dinkes/faskes/v1\",le=\"+Inf\"}"));
        Assert.Equal(1, Value(text, "spbe_policy_decisions_total{policy=\"anti-automation\",reason=\"rate_limited:per-ip\"}"));
        Assert.Equal(1, Value(text, "spbe_upstream_healthy{api=\"dinkes/faskes/v1\",instance=\"upstream-0\"}"));
        Assert.Matches(new Regex("^# TYPE spbe_request_duration_seconds histogram$", RegexOptions.Multiline), text);
    }

    [Fact]
    public async Task The_runtime_server_kestrel_and_upstream_client_series_are_served_beside_the_gateways_in_valid_prometheus_text()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl], isPublic: true);
        for (var i = 0; i < 2; i++)
            await gateway.Client.GetAsync("/dinkes/faskes/v1/ok");
        var text = await gateway.Client.GetStringAsync("/metrics");

        // OpenTelemetry's semantic-convention names, Prometheus-safe.
        Assert.Matches(new Regex("^http_server_request_duration_seconds_count\\{[^}]*http_route=\"/dinkes/faskes/v1/", RegexOptions.Multiline), text);
        Assert.Matches(new Regex("^http_client_request_duration_seconds_count\\{[^}]*server_address=\"127\\.0\\.0\\.1\"", RegexOptions.Multiline), text);
        Assert.Matches(new Regex("^# TYPE kestrel_active_connections gauge$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex("^dotnet_gc_collections_total", RegexOptions.Multiline), text);
        // The gateway's own series keep their names.
        Assert.Equal(2, Value(text, "spbe_requests_total{api=\"dinkes/faskes/v1\",status=\"200\",client=\"anonymous\"}"));
        // Every sample line is a valid metric name and label set.
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')))
            Assert.Matches(new Regex("^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? \\S+$"), line);
    }

    [Fact]
    public async Task Metrics_are_refused_outside_the_allowed_networks()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Metrics:AllowedNetworks:0"] = "10.20.0.0/16" });

        var response = await gateway.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("spbe_", await response.Content.ReadAsStringAsync());
    }
}
