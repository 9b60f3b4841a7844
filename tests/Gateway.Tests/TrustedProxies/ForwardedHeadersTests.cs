using System.Net;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.TrustedProxies;

/// <summary>
/// Which address the gateway takes for the client (per-source limits, attack detection, the audit record: Pasal 60
/// ayat (3) huruf c, Pasal 59 ayat (9)) depending on who is connected. Through nginx: tests/Gateway.Tests/Cluster/LoadBalancerTests.
/// </summary>
public class ForwardedHeadersTests
{
    private static async Task<(string SourceIp, ReceivedRequest Seen)> SendAsync(TestGateway gateway, StubUpstream upstream, string from, string forwardedFor)
    {
        using var client = gateway.CreateClientFrom(from);
        return await SendAsync(gateway, upstream, client, forwardedFor);
    }

    private static async Task<(string SourceIp, ReceivedRequest Seen)> SendAsync(TestGateway gateway, StubUpstream upstream, HttpClient client, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dishub/parkir/v1/tarif");
        if (forwardedFor is not null)
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        request.Headers.TryAddWithoutValidation("Forwarded", "for=198.51.100.1");
        upstream.Clear();
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = response.Headers.GetValues("X-Request-Id").Single();
        IReadOnlyList<AuditLogReader.Row> rows = [];
        await TestGateway.EventuallyAsync(() => Task.FromResult((rows = new AuditLogReader(gateway.DataDirectory).ForRequest(id)).Count > 0),
            TimeSpan.FromSeconds(10), "the exchange is recorded");
        return (rows[0].Json.GetProperty("sourceIp").GetString()!, upstream.Received.Single());
    }

    [Fact]
    public async Task Without_trusted_proxies_forwarding_headers_are_ignored_even_from_loopback()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishPublicApiAsync("dishub", "parkir", "v1", [upstream.BaseUrl]);

        var (source, seen) = await SendAsync(gateway, upstream, "127.0.0.1", "203.0.113.7");

        Assert.Equal("127.0.0.1", source);
        Assert.Equal("127.0.0.1", seen.Headers["X-Forwarded-For"]);
        Assert.False(seen.Headers.ContainsKey("Forwarded"));
    }

    [Fact]
    public async Task From_a_trusted_proxy_the_client_is_the_last_address_that_is_not_a_trusted_proxy()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Gateway:TrustedProxies"] = "127.0.0.6/32,127.0.0.7/32" });
        await gateway.PublishPublicApiAsync("dishub", "parkir", "v1", [upstream.BaseUrl]);

        // A client of the proxy cannot push its own claim in front: only the entries trusted proxies added count.
        var (viaOne, seenViaOne) = await SendAsync(gateway, upstream, "127.0.0.6", "203.0.113.7, 127.0.0.20");
        // Two trusted proxies in a row (127.0.0.7 relayed for 127.0.0.21 through 127.0.0.6).
        var (viaTwo, _) = await SendAsync(gateway, upstream, "127.0.0.6", "203.0.113.7, 127.0.0.21, 127.0.0.7");
        // Another peer is not a proxy at all: its header says nothing.
        var (direct, seenDirect) = await SendAsync(gateway, upstream, "127.0.0.8", "127.0.0.20");

        Assert.Equal("127.0.0.20", viaOne);
        Assert.Equal("127.0.0.20", seenViaOne.Headers["X-Forwarded-For"]);
        Assert.False(seenViaOne.Headers.ContainsKey("X-Original-For"));
        Assert.False(seenViaOne.Headers.ContainsKey("Forwarded"));
        Assert.Equal("127.0.0.21", viaTwo);
        Assert.Equal("127.0.0.8", direct);
        Assert.Equal("127.0.0.8", seenDirect.Headers["X-Forwarded-For"]);
    }

    [Fact]
    public async Task What_a_proxy_said_for_one_request_does_not_carry_over_to_the_next_on_the_same_connection()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Gateway:TrustedProxies"] = "127.0.0.6" });
        await gateway.PublishPublicApiAsync("dishub", "parkir", "v1", [upstream.BaseUrl]);
        using var proxy = gateway.CreateClientFrom("127.0.0.6"); // one kept-alive connection, as a balancer's to a node

        var (first, _) = await SendAsync(gateway, upstream, proxy, "127.0.0.20");
        var (second, seen) = await SendAsync(gateway, upstream, proxy, null);
        var (third, _) = await SendAsync(gateway, upstream, proxy, "127.0.0.22");

        Assert.Equal("127.0.0.20", first);
        Assert.Equal("127.0.0.6", second);
        Assert.Equal("127.0.0.6", seen.Headers["X-Forwarded-For"]);
        Assert.Equal("127.0.0.22", third);
    }
}
