using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SpbeConnector.TestSupport;
using Xunit.Abstractions;

namespace SpbeConnector.Gateway.Tests.Cluster;

/// <summary>
/// Two gateway nodes on one PostgreSQL and one Redis, as behind a load balancer (Pasal 60 ayat (3) huruf m: the
/// service stays up when one part fails). A change on one node is in force on the other within 2 s: a publication, a
/// revoked token, a disabled client, a temporary block. With PostgreSQL stopped both nodes keep serving what was
/// published and say "degraded" in /readyz; when it is back they reconcile.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterNodesTests(ClusterServers servers, ITestOutputHelper output)
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_publication_a_revoked_token_a_disabled_client_and_a_block_made_on_one_node_hold_on_the_other_within_2_s()
    {
        var database = await servers.NewDatabaseAsync();
        await using var upstream = await StubUpstream.StartAsync();
        await using var nodeA = await TestGateway.StartAsync(servers.NodeSettings(database));
        await using var nodeB = await TestGateway.StartAsync(servers.NodeSettings(database));

        // Publication on A, served by B: from the moment A is asked to publish.
        var parkir = await nodeA.RegisterApiAsync("dishub", "parkir", "v1", [upstream.BaseUrl], isPublic: true, through: "Approved");
        var published = Stopwatch.StartNew();
        await nodeA.MoveApiAsync(parkir, "Published");
        await WithinAsync("the API published on A is served by B", published,
            async () => (await nodeB.Client.GetAsync("/dishub/parkir/v1/tarif")).StatusCode == HttpStatusCode.OK);

        // A subscription approved and a token issued on A are accepted by B (one key ring, one issuer).
        var apiId = await nodeA.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        var credentials = await nodeA.CreateClientAsync("pemanggil");
        await nodeA.SubscribeAsync(credentials.ClientId, apiId);
        var token = await nodeA.GetTokenAsync(credentials);
        var issued = Stopwatch.StartNew();
        using var callerA = Caller(nodeA, token);
        using var callerB = Caller(nodeB, token);
        await WithinAsync("the token issued on A for a subscription approved on A is accepted by B", issued,
            async () => (await callerB.GetAsync("/dinkes/faskes/v1/puskesmas")).StatusCode == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await callerA.GetAsync("/dinkes/faskes/v1/puskesmas")).StatusCode);

        // A token revoked on A is refused by both.
        var revoked = Stopwatch.StartNew();
        using (var revoke = new HttpRequestMessage(HttpMethod.Post, "/oauth2/revoke") { Content = new FormUrlEncodedContent([new("token", token)]) })
        {
            revoke.Headers.Authorization = new AuthenticationHeaderValue("Basic", TestGateway.BasicCredentials(credentials.ClientId, credentials.Secret));
            Assert.Equal(HttpStatusCode.OK, (await nodeA.Client.SendAsync(revoke)).StatusCode);
        }
        await WithinAsync("the token revoked on A is refused by B", revoked,
            async () => (await callerB.GetAsync("/dinkes/faskes/v1/puskesmas")).StatusCode == HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, (await callerA.GetAsync("/dinkes/faskes/v1/puskesmas")).StatusCode);

        // A client disabled on B is refused by A, even with a fresh token.
        using var freshA = Caller(nodeA, await nodeB.GetTokenAsync(credentials));
        Assert.Equal(HttpStatusCode.OK, (await freshA.GetAsync("/dinkes/faskes/v1/puskesmas")).StatusCode);
        var disabled = Stopwatch.StartNew();
        await AdminApiCalls.EnsureSuccessAsync(await nodeB.Admin.PostAsJsonAsync($"/admin/v1/clients/{credentials.ClientId}/status", new { status = "Disabled", reason = "Test: the client is disabled" }));
        await WithinAsync("the client disabled on B is refused by A", disabled,
            async () => (await freshA.GetAsync("/dinkes/faskes/v1/puskesmas")).StatusCode == HttpStatusCode.Unauthorized);

        // A temporary block set on A (as attack detection would) refuses the source on B.
        using var sourceOnB = nodeB.CreateClientFrom("127.0.0.23");
        Assert.Equal(HttpStatusCode.OK, (await sourceOnB.GetAsync("/dishub/parkir/v1/tarif")).StatusCode);
        var blocked = Stopwatch.StartNew();
        await AdminApiCalls.EnsureSuccessAsync(await nodeA.Admin.PostAsJsonAsync("/admin/v1/anti-automation/blocks",
            new { subject = "ip:127.0.0.23", duration = "00:10:00", reason = "uji klaster" }));
        await WithinAsync("the source blocked on A is refused by B", blocked,
            async () => (await sourceOnB.GetAsync("/dishub/parkir/v1/tarif")).StatusCode == HttpStatusCode.TooManyRequests);

        // Lifted on B, served again by A.
        using var sourceOnA = nodeA.CreateClientFrom("127.0.0.23");
        var lifted = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.NoContent, (await nodeB.Admin.DeleteAsync("/admin/v1/anti-automation/blocks/ip:127.0.0.23")).StatusCode);
        await WithinAsync("the block lifted on B is lifted on A", lifted,
            async () => (await sourceOnA.GetAsync("/dishub/parkir/v1/tarif")).StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_postgresql_stopped_both_nodes_serve_what_was_published_and_report_degraded_then_reconcile_when_it_returns()
    {
        // A server of this test's own: stopping the shared one would fail the other cluster tests.
        await using var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync("spbe");
        await using var upstream = await StubUpstream.StartAsync();
        await using var nodeA = await TestGateway.StartAsync(servers.NodeSettings(database));
        await using var nodeB = await TestGateway.StartAsync(servers.NodeSettings(database));
        var apiId = await nodeA.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        await nodeA.PublishPublicApiAsync("dishub", "parkir", "v1", [upstream.BaseUrl]);
        var credentials = await nodeA.CreateClientAsync("pemanggil");
        await nodeA.SubscribeAsync(credentials.ClientId, apiId);
        var token = await nodeA.GetTokenAsync(credentials);
        await WithinAsync("B serves both APIs", Stopwatch.StartNew(), async () =>
            (await nodeB.Client.GetAsync("/dishub/parkir/v1/tarif")).StatusCode == HttpStatusCode.OK
            && (await Caller(nodeB, token).GetAsync("/dinkes/faskes/v1/puskesmas")).StatusCode == HttpStatusCode.OK);

        // The test's own management clients (the admin API's named callers) exist and hold their tokens before the
        // store goes away: the test, not the node, would otherwise fail creating them.
        foreach (var each in new[] { nodeA, nodeB })
            Assert.Equal(HttpStatusCode.OK, (await each.Admin.GetAsync("/admin/v1/opds")).StatusCode);
        await postgres.StopAsync();

        foreach (var node in new[] { nodeA, nodeB })
        {
            using var caller = Caller(node, token);
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync($"/dinkes/faskes/v1/puskesmas/{i}")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await node.Client.GetAsync($"/dishub/parkir/v1/tarif/{i}")).StatusCode);
            }
            var ready = await node.Client.GetAsync("/readyz");
            var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
            output.WriteLine($"/readyz with PostgreSQL stopped: {(int)ready.StatusCode} {body}");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("degraded", body.GetProperty("status").GetString());
            Assert.Equal("unreachable", body.GetProperty("store").GetString());
            Assert.Contains("serving the routes and access rules", body.GetProperty("cause").GetString());
            Assert.NotEqual(JsonValueKind.Null, body.GetProperty("unreachableSince").ValueKind);

            // What needs the store answers 503 with Retry-After, as problem details naming nothing internal.
            var admin = await node.Admin.GetAsync("/admin/v1/opds");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, admin.StatusCode);
            Assert.Equal("application/problem+json", admin.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(admin.Headers.RetryAfter);
            Assert.DoesNotContain("Npgsql", await admin.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await node.PostTokenRequestAsync(credentials)).StatusCode);
            Assert.Contains("spbe_registry_store_reachable 0", await node.Client.GetStringAsync("/metrics"));
        }

        await postgres.StartAgainAsync();
        await WithinAsync("both nodes report ready again", Stopwatch.StartNew(), async () =>
            await StatusAsync(nodeA) == "ready" && await StatusAsync(nodeB) == "ready", TimeSpan.FromSeconds(15));
        await WithinAsync("both nodes' metrics say the store answers", Stopwatch.StartNew(), async () =>
            (await nodeA.Client.GetStringAsync("/metrics")).Contains("spbe_registry_store_reachable 1")
            && (await nodeB.Client.GetStringAsync("/metrics")).Contains("spbe_registry_store_reachable 1"), TimeSpan.FromSeconds(15));

        // A change made after the restart, on A, is served by B.
        var pajak = await nodeA.RegisterApiAsync("bapenda", "pajak", "v1", [upstream.BaseUrl], isPublic: true, through: "Approved");
        var changed = Stopwatch.StartNew();
        await nodeA.MoveApiAsync(pajak, "Published");
        await WithinAsync("an API published on A after the restart is served by B", changed,
            async () => (await nodeB.Client.GetAsync("/bapenda/pajak/v1/objek")).StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task Nodes_started_together_on_an_empty_database_accept_each_others_tokens()
    {
        var database = await servers.NewDatabaseAsync();
        await using var upstream = await StubUpstream.StartAsync();
        var started = await Task.WhenAll(TestGateway.StartAsync(servers.NodeSettings(database)), TestGateway.StartAsync(servers.NodeSettings(database)));
        await using var nodeA = started[0];
        await using var nodeB = started[1];
        var apiId = await nodeA.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        var credentials = await nodeA.CreateClientAsync("pemanggil");
        await nodeA.SubscribeAsync(credentials.ClientId, apiId);
        foreach (var (issuer, validator) in new[] { (nodeA, nodeB), (nodeB, nodeA) })
        {
            using var caller = Caller(validator, await issuer.GetTokenAsync(credentials));
            await WithinAsync("a token of one node is accepted by the other", Stopwatch.StartNew(),
                async () => (await caller.GetAsync("/dinkes/faskes/v1/puskesmas")).StatusCode == HttpStatusCode.OK);
        }
    }

    private static HttpClient Caller(TestGateway node, string token)
    {
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string?> StatusAsync(TestGateway node)
    {
        var body = JsonDocument.Parse(await (await node.Client.GetAsync("/readyz")).Content.ReadAsStringAsync()).RootElement;
        return body.GetProperty("status").GetString();
    }

    /// <summary>Waits for <paramref name="condition"/>, failing past the limit (2 s unless told); reports how long it took.</summary>
    private async Task WithinAsync(string what, Stopwatch since, Func<Task<bool>> condition, TimeSpan? limit = null)
    {
        var deadline = limit ?? Propagation;
        while (!await condition())
        {
            if (since.Elapsed > deadline)
                throw new Xunit.Sdk.XunitException($"Not within {deadline.TotalMilliseconds:0} ms: {what}.");
            await Task.Delay(20);
        }
        output.WriteLine($"{what}: {since.ElapsedMilliseconds} ms");
        Console.WriteLine($"[cluster] {what}: {since.ElapsedMilliseconds} ms");
    }
}
