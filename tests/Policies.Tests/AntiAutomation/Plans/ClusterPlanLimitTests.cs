using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.AntiAutomation.Plans;

/// <summary>
/// Two gateway nodes sharing one registry and one real redis-server enforce one subscription's plan exactly, together:
/// the quota is one quota however the client's calls are spread over the nodes; with Redis gone each node keeps to
/// its share and answers no 5xx.
/// </summary>
public class ClusterPlanLimitTests
{
    private const int Quota = 400;

    [Fact]
    public async Task A_plans_quota_is_exact_across_two_nodes_and_each_keeps_to_its_share_without_5xx_when_redis_stops()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var upstream = await StubUpstream.StartAsync();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "spbe-cluster-" + Guid.NewGuid().ToString("N"));
        Dictionary<string, string?> Settings(string node) => new()
        {
            ["AntiAutomation:Redis"] = redis.ConnectionString,
            ["AntiAutomation:ExpectedNodes"] = "2",
            ["AntiAutomation:Detection:Enabled"] = "false",
            ["Audit:Directory"] = Path.Combine(dataDirectory, "audit-" + node), // one audit log per node, as in production
            ["Audit:NodeId"] = node,
        };
        var nodeA = await TestGateway.StartAsync(Settings("a"), dataDirectory);
        TestGateway? nodeB = null;
        try
        {
            nodeB = await TestGateway.StartAsync(Settings("b"), dataDirectory);
            var apiId = await nodeA.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
            await AdminApiCalls.EnsureSuccessAsync(await nodeA.Admin.PostAsJsonAsync("/admin/v1/plans", new { name = "klaster", dailyQuota = Quota }));
            var client = await nodeA.CreateClientAsync("pemanggil");
            var subscriptionId = await nodeA.SubscribeAsync(client.ClientId, apiId);
            await AdminApiCalls.EnsureSuccessAsync(await nodeA.Admin.PutAsJsonAsync($"/admin/v1/subscriptions/{subscriptionId}/plan", new { plan = "klaster" }));
            var callers = new List<HttpClient>();
            foreach (var node in new[] { nodeA, nodeB })
            {
                // The other node sees the registry's changes through its change monitor; each node issues its own tokens.
                await node.WaitForRoutesAsync();
                await node.WaitForAccessAsync();
                var caller = node.CreateClient();
                caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await node.GetTokenAsync(client));
                callers.Add(caller);
            }

            var shared = await LoadAsync(callers, requestsPerNode: 300);
            Assert.Equal(0, shared.ServerErrors);
            Assert.Equal(Quota, shared.Allowed);

            // Redis stops: the quota is used up in Redis, but the nodes cannot know; each enforces its share (a half)
            // of the quota on its own, answers no 5xx, and raises an alert.
            await redis.StopAsync();
            var degraded = await LoadAsync(callers, requestsPerNode: 300);
            Assert.Equal(0, degraded.ServerErrors);
            Assert.Equal([Quota / 2, Quota / 2], degraded.AllowedPerNode);
            Assert.Equal(2 * 300 - Quota, shared.Refused);
        }
        finally
        {
            if (nodeB is not null)
                await nodeB.DisposeAsync();
            await nodeA.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
        }
    }

    private static Task<ClusterLoad.Result> LoadAsync(List<HttpClient> callers, int requestsPerNode) =>
        ClusterLoad.RunAsync(callers.Select(c => Enumerable.Repeat(c, 4).ToArray()).ToArray(), "/dinkes/faskes/v1/x", requestsPerNode);
}
