using System.Net;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.AntiAutomation;

/// <summary>
/// Two gateway nodes sharing one real redis-server enforce one combined limit; with Redis gone each node keeps to
/// its share, answers no 5xx and raises an alert; with Redis back the shared limit resumes.
/// </summary>
public class ClusterRateLimitTests
{
    private const int Limit = 400;

    [Fact]
    public async Task Two_nodes_share_one_exact_limit_fall_back_to_their_share_without_5xx_when_redis_stops_and_resume_when_it_returns()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var upstream = await StubUpstream.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["AntiAutomation:Redis"] = redis.ConnectionString,
            ["AntiAutomation:ExpectedNodes"] = "2",
            ["AntiAutomation:PerIpLimit"] = Limit.ToString(),
            ["AntiAutomation:PerIpWindow"] = "01:00:00",
            ["AntiAutomation:Detection:Enabled"] = "false",
        };
        await using var nodeA = await TestGateway.StartAsync(settings);
        await using var nodeB = await TestGateway.StartAsync(settings);
        foreach (var node in new[] { nodeA, nodeB })
            await node.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl], isPublic: true);

        // 1. Shared: 600 requests from one source spread over both nodes, concurrently; exactly the limit passes.
        var shared = await LoadAsync("127.0.0.12", [nodeA, nodeB], requestsPerNode: 300);
        Assert.Equal(0, shared.ServerErrors);
        Assert.InRange(shared.Allowed, Limit * 0.99, Limit * 1.01);
        Assert.Equal(Limit, shared.Allowed); // exact, in fact

        // 2. Redis stops mid-run: each node enforces its share (limit / 2), never 5xx, and raises an alert.
        await redis.StopAsync();
        var degraded = await LoadAsync("127.0.0.11", [nodeA, nodeB], requestsPerNode: 300);
        Assert.Equal(0, degraded.ServerErrors);
        Assert.Equal(Limit / 2, degraded.AllowedPerNode[0]);
        Assert.Equal(Limit / 2, degraded.AllowedPerNode[1]);
        foreach (var node in new[] { nodeA, nodeB })
            Assert.Contains("rate-limit-store-unavailable", await AlertKindsAsync(node));

        // 3. Redis is back: the nodes notice, say so, and share one limit again.
        await redis.StartAgainAsync();
        using (var probe = nodeA.CreateClientFrom("127.0.0.9"))
        using (var probeB = nodeB.CreateClientFrom("127.0.0.9"))
        {
            await TestGateway.EventuallyAsync(async () =>
            {
                await probe.GetAsync("/dinkes/faskes/v1/probe");
                await probeB.GetAsync("/dinkes/faskes/v1/probe");
                return (await AlertKindsAsync(nodeA)).Contains("rate-limit-store-recovered") && (await AlertKindsAsync(nodeB)).Contains("rate-limit-store-recovered");
            }, TimeSpan.FromSeconds(30), "both nodes use Redis again");
        }
        var resumed = await LoadAsync("127.0.0.10", [nodeA, nodeB], requestsPerNode: 300);
        Assert.Equal(0, resumed.ServerErrors);
        Assert.Equal(Limit, resumed.Allowed);
    }

    private static async Task<string[]> AlertKindsAsync(TestGateway node)
    {
        var alerts = JsonDocument.Parse(await node.Admin.GetStringAsync("/admin/v1/anti-automation/alerts")).RootElement;
        return alerts.EnumerateArray().Select(a => a.GetProperty("kind").GetString()!).ToArray();
    }

    private static async Task<ClusterLoad.Result> LoadAsync(string source, TestGateway[] nodes, int requestsPerNode)
    {
        var workers = nodes.Select(node => Enumerable.Range(0, 4).Select(_ => node.CreateClientFrom(source)).ToArray()).ToArray();
        try
        {
            return await ClusterLoad.RunAsync(workers, "/dinkes/faskes/v1/x", requestsPerNode);
        }
        finally
        {
            foreach (var client in workers.SelectMany(w => w))
                client.Dispose();
        }
    }
}
