using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Cluster;

/// <summary>
/// Temporary blocks (Pasal 60 ayat (5): automated attacks) survive a Redis outage: a block set while Redis is down
/// holds on its own node at once, and reaches the other node when Redis is back, without anyone setting it again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SharedBlocksTests
{
    [Fact]
    public async Task A_block_set_while_redis_is_down_holds_locally_and_reaches_the_other_node_when_redis_returns()
    {
        // A Redis of this test's own: stopping the shared one would disturb the other cluster tests.
        await using var redis = await RedisServer.StartAsync();
        await using var upstream = await StubUpstream.StartAsync();
        var settings = new Dictionary<string, string?> { ["AntiAutomation:Redis"] = redis.ConnectionString, ["AntiAutomation:Detection:Enabled"] = "false" };
        await using var nodeA = await TestGateway.StartAsync(settings);
        await using var nodeB = await TestGateway.StartAsync(settings);
        foreach (var node in new[] { nodeA, nodeB })
            await node.PublishPublicApiAsync("dishub", "parkir", "v1", [upstream.BaseUrl]);
        using var onA = nodeA.CreateClientFrom("127.0.0.31");
        using var onB = nodeB.CreateClientFrom("127.0.0.31");

        await redis.StopAsync();
        await AdminApiCalls.EnsureSuccessAsync(await nodeA.Admin.PostAsJsonAsync("/admin/v1/anti-automation/blocks",
            new { subject = "ip:127.0.0.31", duration = "00:10:00", reason = "uji pemadaman Redis" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await onA.GetAsync("/dishub/parkir/v1/tarif")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/dishub/parkir/v1/tarif")).StatusCode);

        await redis.StartAgainAsync();
        var back = Stopwatch.StartNew();
        await TestGateway.EventuallyAsync(async () => (await onB.GetAsync("/dishub/parkir/v1/tarif")).StatusCode == HttpStatusCode.TooManyRequests,
            TimeSpan.FromSeconds(15), "the block set on A during the outage is in force on B");
        Console.WriteLine($"[cluster] a block set during a Redis outage reached the other node {back.ElapsedMilliseconds} ms after Redis returned");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await onA.GetAsync("/dishub/parkir/v1/tarif")).StatusCode);
    }
}
