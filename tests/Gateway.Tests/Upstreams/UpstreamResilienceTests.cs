using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Upstreams;

/// <summary>A failing upstream instance costs clients nothing where it can, and is taken out of rotation until it recovers.</summary>
public class UpstreamResilienceTests
{
    [Fact]
    public async Task One_of_two_instances_killed_under_load_causes_no_client_error()
    {
        var a = await StubUpstream.StartAsync("a");
        await using var b = await StubUpstream.StartAsync("b");
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishApiAsync("dinkes", "faskes", "v1", [a.BaseUrl, b.BaseUrl], isPublic: true);
        var failures = new ConcurrentQueue<string>();
        var ok = 0;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            using var client = gateway.CreateClient();
            while (!stop.IsCancellationRequested)
            {
                var response = await client.GetAsync("/dinkes/faskes/v1/x");
                if (response.StatusCode == HttpStatusCode.OK)
                    Interlocked.Increment(ref ok);
                else
                    failures.Enqueue($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        })).ToArray();
        await TestGateway.EventuallyAsync(() => Task.FromResult(a.Count > 20 && b.Count > 20), TimeSpan.FromSeconds(10), "both instances serve");

        await a.DisposeAsync(); // instance a dies
        var bBefore = b.Count;
        await TestGateway.EventuallyAsync(() => Task.FromResult(b.Count > bBefore + 200), TimeSpan.FromSeconds(20), "the load continues on b");
        stop.Cancel();
        await Task.WhenAll(workers);

        Assert.Empty(failures);
        Assert.True(ok > 100, $"only {ok} requests completed");
    }

    [Fact]
    public async Task A_flapping_upstream_opens_the_circuit_and_it_closes_when_the_upstream_recovers()
    {
        var upstream = await StubUpstream.StartAsync("flapping");
        var port = upstream.Port;
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstreams:CircuitMinimalRequests"] = "4",
            ["Upstreams:CircuitReopenAfter"] = "00:00:03",
            ["Upstreams:CircuitWindow"] = "00:00:03",
        });
        await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl], isPublic: true);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/dinkes/faskes/v1/x")).StatusCode);

        await upstream.DisposeAsync(); // it goes down
        var whileDown = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
            whileDown.Add((await gateway.Client.GetAsync("/dinkes/faskes/v1/x")).StatusCode);

        // The circuit is open: the gateway answers at once that no instance is healthy, without trying.
        Assert.Contains(HttpStatusCode.BadGateway, whileDown);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown[^1]);
        var open = await gateway.Client.GetAsync("/dinkes/faskes/v1/x");
        Assert.Equal("No healthy upstream", JsonDocument.Parse(await open.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());

        await using var recovered = await StubUpstream.StartAsync("flapping", port: port); // it comes back
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await gateway.Client.GetAsync("/dinkes/faskes/v1/x")).StatusCode);
        Assert.Equal(0, recovered.Count);
        await TestGateway.EventuallyAsync(async () => (await gateway.Client.GetAsync("/dinkes/faskes/v1/x")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(15), "the circuit closes after the reopen period");
        Assert.True(recovered.Count >= 1);
    }
}
