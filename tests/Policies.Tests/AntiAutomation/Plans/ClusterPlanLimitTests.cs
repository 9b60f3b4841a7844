using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.AntiAutomation.Plans;

/// <summary>
/// Two gateway nodes sharing one registry and one real redis-server enforce one subscription's plan exactly, together:
/// the quota is one quota and the requests in flight one count however the client's calls are spread over the
/// nodes; with Redis gone each node keeps to its share, answers no 5xx and raises an alert.
/// </summary>
public class ClusterPlanLimitTests
{
    private const int Quota = 400;

    [Fact]
    public async Task A_plans_quota_is_exact_across_two_nodes_and_each_keeps_to_its_share_without_5xx_when_redis_stops()
    {
        await using var cluster = await TwoNodes.StartAsync();
        var callers = await cluster.CallersOnPlanAsync(new { name = "klaster", dailyQuota = Quota });

        var shared = await LoadAsync(callers, requestsPerNode: 300);
        Assert.Equal(0, shared.ServerErrors);
        Assert.Equal(Quota, shared.Allowed);
        Assert.Equal(2 * 300 - Quota, shared.Refused);
        var usage = await cluster.Nodes[1].Admin.GetFromJsonAsync<JsonElement>(cluster.UsagePath);
        Assert.Equal(Quota, usage.GetProperty("limits")[0].GetProperty("used").GetInt64()); // node B sees both nodes' use

        // Redis stops: the quota is used up in Redis, but the nodes cannot know; each enforces its share (a half) of
        // the quota on its own, answers no 5xx, and raises an alert.
        await cluster.Redis.StopAsync();
        var degraded = await LoadAsync(callers, requestsPerNode: 300);
        Assert.Equal(0, degraded.ServerErrors);
        Assert.Equal([Quota / 2, Quota / 2], degraded.AllowedPerNode);
        foreach (var node in cluster.Nodes)
        {
            var alerts = JsonDocument.Parse(await node.Admin.GetStringAsync("/admin/v1/anti-automation/alerts")).RootElement;
            Assert.Contains("rate-limit-store-unavailable", alerts.EnumerateArray().Select(a => a.GetProperty("kind").GetString()));
        }
    }

    [Fact]
    public async Task Requests_in_flight_are_counted_across_both_nodes_and_a_slot_given_back_on_one_is_free_on_the_other()
    {
        await using var cluster = await TwoNodes.StartAsync();
        var upstream = new HeldUpstream(cluster.Upstream);
        var callers = await cluster.CallersOnPlanAsync(new { name = "sempit", maxConcurrentRequests = 2 });

        var held = new[] { callers[0].GetAsync("/dinkes/faskes/v1/lambat"), callers[1].GetAsync("/dinkes/faskes/v1/lambat") };
        await upstream.WaitUntilHoldingAsync(2); // one through each node
        var thirdOnA = await callers[0].GetAsync("/dinkes/faskes/v1/cepat");
        var thirdOnB = await callers[1].GetAsync("/dinkes/faskes/v1/cepat");
        var inFlight = (await cluster.Nodes[0].Admin.GetFromJsonAsync<JsonElement>(cluster.UsagePath)).GetProperty("inFlight").GetInt64();
        var alerts = await cluster.Nodes[0].Admin.GetStringAsync("/admin/v1/anti-automation/alerts");
        upstream.Release();
        var completed = await Task.WhenAll(held);
        HttpStatusCode afterRelease = 0;
        await TestGateway.EventuallyAsync(async () => (afterRelease = (await callers[1].GetAsync("/dinkes/faskes/v1/cepat")).StatusCode) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(5), "the slots given back are free on the other node");

        Assert.Equal(HttpStatusCode.TooManyRequests, thirdOnA.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, thirdOnB.StatusCode);
        Assert.Equal(2, inFlight);
        Assert.Equal("[]", alerts); // counted in Redis all along, never in a node's share
        Assert.All(completed, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, afterRelease);
    }

    private static Task<ClusterLoad.Result> LoadAsync(List<HttpClient> callers, int requestsPerNode) =>
        ClusterLoad.RunAsync(callers.Select(c => Enumerable.Repeat(c, 4).ToArray()).ToArray(), "/dinkes/faskes/v1/x", requestsPerNode);

    /// <summary>Two gateway nodes on one registry store (each with its own audit log, as in production) and one redis-server.</summary>
    private sealed class TwoNodes : IAsyncDisposable
    {
        private readonly string _dataDirectory;

        private TwoNodes(RedisServer redis, StubUpstream upstream, string dataDirectory, TestGateway[] nodes)
        {
            Redis = redis;
            Upstream = upstream;
            _dataDirectory = dataDirectory;
            Nodes = nodes;
        }

        public RedisServer Redis { get; }
        public StubUpstream Upstream { get; }
        public TestGateway[] Nodes { get; }

        /// <summary>The subscription of <see cref="CallersOnPlanAsync"/>, as the usage endpoint names it.</summary>
        public string UsagePath { get; private set; } = "";

        public static async Task<TwoNodes> StartAsync()
        {
            var redis = await RedisServer.StartAsync();
            var upstream = await StubUpstream.StartAsync();
            var dataDirectory = Path.Combine(Path.GetTempPath(), "spbe-cluster-" + Guid.NewGuid().ToString("N"));
            Dictionary<string, string?> Settings(string node) => new()
            {
                ["AntiAutomation:Redis"] = redis.ConnectionString,
                ["AntiAutomation:ExpectedNodes"] = "2",
                ["AntiAutomation:Detection:Enabled"] = "false",
                ["Audit:NodeId"] = node,
            };
            // One data directory per node (a data directory has one server process); they share the registry and the
            // key ring protecting its secrets as nodes share PostgreSQL, here through links in node B's directory to
            // node A's (SQLite follows a linked database file to its WAL).
            var nodeA = await TestGateway.StartAsync(Settings("a"), Path.Combine(dataDirectory, "a"));
            Directory.CreateDirectory(Path.Combine(dataDirectory, "b"));
            File.CreateSymbolicLink(Path.Combine(dataDirectory, "b", "registry.db"), Path.Combine(dataDirectory, "a", "registry.db"));
            Directory.CreateSymbolicLink(Path.Combine(dataDirectory, "b", "dataprotection-keys"), Path.Combine(dataDirectory, "a", "dataprotection-keys"));
            var nodeB = await TestGateway.StartAsync(Settings("b"), Path.Combine(dataDirectory, "b"));
            return new TwoNodes(redis, upstream, dataDirectory, [nodeA, nodeB]);
        }

        /// <summary>Defines a plan on node A, subscribes a new client on it, and returns one caller per node (each node issues its own tokens).</summary>
        public async Task<List<HttpClient>> CallersOnPlanAsync(object plan)
        {
            var admin = Nodes[0];
            var apiId = await admin.PublishApiAsync("dinkes", "faskes", "v1", [Upstream.BaseUrl]);
            var created = await admin.Admin.PostAsJsonAsync("/admin/v1/plans", plan);
            await AdminApiCalls.EnsureSuccessAsync(created);
            var planName = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString();
            var client = await admin.CreateClientAsync("pemanggil");
            var subscriptionId = await admin.SubscribeAsync(client.ClientId, apiId);
            UsagePath = $"/admin/v1/anti-automation/usage/{client.ClientId}/{apiId}";
            await AdminApiCalls.EnsureSuccessAsync(await admin.Admin.PutAsJsonAsync($"/admin/v1/subscriptions/{subscriptionId}/plan", new { plan = planName }));
            var callers = new List<HttpClient>();
            foreach (var node in Nodes)
            {
                // The other node sees the registry's changes through its change monitor.
                await node.WaitForRoutesAsync();
                await node.WaitForAccessAsync();
                var caller = node.CreateClient();
                caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await node.GetTokenAsync(client));
                callers.Add(caller);
            }
            return callers;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var node in Nodes.Reverse())
                await node.DisposeAsync();
            await Upstream.DisposeAsync();
            await Redis.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
        }
    }
}
