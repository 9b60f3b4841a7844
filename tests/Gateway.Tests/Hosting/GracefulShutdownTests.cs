using System.Net;
using SpbeConnector.Gateway.Hosting;
using SpbeConnector.TestSupport;
using SpbeConnector.Audit.CommandLine;

namespace SpbeConnector.Gateway.Tests.Hosting;

/// <summary>
/// A planned stop (SIGTERM, host stop) loses no request and no audit record: new connections are refused, the request
/// in flight is answered, and the async audit queue is written and checkpointed before the process ends.
/// </summary>
public class GracefulShutdownTests
{
    [Fact]
    public async Task Stopping_drains_the_request_in_flight_and_the_audit_log_holds_it_and_verifies()
    {
        await using var upstream = await SlowUpstreamAsync(TimeSpan.FromSeconds(2)); // still answering when the stop begins
        var gateway = await StartWithRequestInFlightAsync(upstream, drainTimeout: "00:00:20");
        try
        {
            var stopping = gateway.Host.App.StopAsync();
            await Task.Delay(300);
            using (var late = gateway.CreateClient())
                await Assert.ThrowsAnyAsync<HttpRequestException>(() => late.GetAsync("/dinkes/faskes/v1/rekap")); // no longer accepting

            var response = await gateway.InFlight;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("""{"selesai":true}""", await response.Content.ReadAsStringAsync());
            await stopping;

            var requestId = response.Headers.GetValues("X-Request-Id").Single();
            Assert.Contains(new AuditLogReader(gateway.DataDirectory).ForRequest(requestId), r => r.Status == 200);
            await AssertLogStoppedCleanlyAndVerifiesAsync(gateway.DataDirectory);
        }
        finally
        {
            await gateway.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_request_longer_than_the_drain_timeout_is_cut_but_the_audit_log_is_still_flushed_and_verifies()
    {
        await using var upstream = await SlowUpstreamAsync(TimeSpan.FromSeconds(6));
        var gateway = await StartWithRequestInFlightAsync(upstream, drainTimeout: "00:00:01");
        try
        {
            // The drain uses up the host's whole shutdown budget; the audit log's last flush has its own.
            await gateway.Host.App.StopAsync();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => gateway.InFlight);
            await AssertLogStoppedCleanlyAndVerifiesAsync(gateway.DataDirectory);
        }
        finally
        {
            await gateway.DisposeAsync();
        }
    }

    [Fact]
    public async Task SIGTERM_to_the_gateway_process_drains_the_request_in_flight_then_flushes_the_audit_log()
    {
        await using var upstream = await StubUpstream.StartAsync("lambat");
        var data = Path.Combine(Path.GetTempPath(), "spbe-sigterm-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var gateway = await GatewayProcess.StartAsync(data, new Dictionary<string, string>
            {
                ["Audit:Mode"] = "Async",
                ["Gateway:DrainTimeout"] = "00:00:20",
            });
            using (var admin = await gateway.CreateAdminClientAsync())
                await AdminApiCalls.PublishApiAsync(admin, "dinkes", "faskes", "v1", [upstream.BaseUrl]);
            using var client = gateway.CreateClient();
            upstream.Handler = async context =>
            {
                if (context.Request.Path != "/ready")
                    await Task.Delay(TimeSpan.FromSeconds(2));
                await context.Response.WriteAsync("""{"selesai":true}""");
            };
            await TestGateway.EventuallyAsync(async () => (await client.GetAsync("/dinkes/faskes/v1/ready")).IsSuccessStatusCode,
                TimeSpan.FromSeconds(10), "the API is routed");
            var before = upstream.Count;
            var inFlight = client.GetAsync("/dinkes/faskes/v1/rekap");
            await TestGateway.EventuallyAsync(() => Task.FromResult(upstream.Count > before), TimeSpan.FromSeconds(10), "the request reaches the upstream");

            await gateway.StopAsync(); // SIGTERM, as systemd sends it
            var response = await inFlight;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var requestId = response.Headers.GetValues("X-Request-Id").Single();
            Assert.Contains(new AuditLogReader(data).ForRequest(requestId), r => r.Status == 200);
            var (exit, output) = await GatewayProcess.RunCommandAsync("audit", "verify", data);
            Assert.True(exit == 0, output);
            Assert.DoesNotContain("not yet covered", output); // the final checkpoint signed everything
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private sealed record GatewayWithRequest(TestGateway Gateway, Task<HttpResponseMessage> InFlight)
    {
        public GatewayHost Host => Gateway.Host;
        public string DataDirectory => Gateway.DataDirectory;
        public HttpClient CreateClient() => Gateway.CreateClient();
        public ValueTask DisposeAsync() => Gateway.DisposeAsync();
    }

    private static async Task<StubUpstream> SlowUpstreamAsync(TimeSpan delay)
    {
        var upstream = await StubUpstream.StartAsync("lambat");
        upstream.Handler = async context =>
        {
            await Task.Delay(delay);
            await context.Response.WriteAsync("""{"selesai":true}""");
        };
        return upstream;
    }

    private static async Task<GatewayWithRequest> StartWithRequestInFlightAsync(StubUpstream upstream, string drainTimeout)
    {
        var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Audit:Mode"] = "Async",
            ["Gateway:DrainTimeout"] = drainTimeout,
        });
        await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        var inFlight = gateway.Client.GetAsync("/dinkes/faskes/v1/rekap");
        await TestGateway.EventuallyAsync(() => Task.FromResult(upstream.Count == 1), TimeSpan.FromSeconds(10), "the request reaches the upstream");
        return new GatewayWithRequest(gateway, inFlight);
    }

    private static async Task AssertLogStoppedCleanlyAndVerifiesAsync(string dataDirectory)
    {
        Assert.Equal("gateway.stop", new AuditLogReader(dataDirectory).All()[^1].Type);
        var output = new StringWriter();
        Assert.True(AuditCommandLine.Verified == await AuditCommandLine.RunAsync(["verify", dataDirectory], output, output), output.ToString());
    }
}
