using System.Net;
using System.Text;
using System.Text.Json;
using SpbeConnector.Gateway.Tests.Errors;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Edge;

/// <summary>
/// What every request must be before any policy sees it (issue 14, items 1, 8 and 9): a host the gateway serves,
/// header values it can forward, HTTP/1.1 framing read strictly. Each refusal is proven never to reach the upstream.
/// </summary>
public class EdgeRequestTests
{
    [Fact]
    public async Task Header_values_that_cannot_be_forwarded_are_refused_naming_the_header_and_do_not_take_the_upstream_offline()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishApiAsync("disdukcapil", "kependudukan", "v1", [upstream.BaseUrl], isPublic: true);
        // An HTTP client that sends what the attacker sent: UTF-8 in a header value.
        using var client = gateway.CreateClient(handler => handler.RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8);

        // More than the circuit's minimum (10 requests): before the fix, each was a 502 counted against the upstream,
        // which then left the rotation and every client got 503 "No healthy upstream".
        for (var i = 0; i < 12; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/disdukcapil/kependudukan/v1/kecamatan");
            request.Headers.TryAddWithoutValidation("X-Nama", "Agus \u00d1");
            var refused = await client.SendAsync(request);

            var problem = await GatewayErrorTests.AssertProblemAsync(refused, HttpStatusCode.BadRequest);
            Assert.Contains("'X-Nama'", problem.GetProperty("detail").GetString());
            Assert.DoesNotContain("Agus", await refused.Content.ReadAsStringAsync());
        }

        var normal = await gateway.Client.GetAsync("/disdukcapil/kependudukan/v1/kecamatan");
        Assert.Equal(HttpStatusCode.OK, normal.StatusCode);
        Assert.Single(upstream.Received);
    }

    [Fact]
    public async Task A_host_outside_the_public_host_names_is_refused_421_and_the_configured_names_are_served()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:PublicHostNames:0"] = "127.0.0.1",
            ["Gateway:PublicHostNames:1"] = "*.bekasikota.go.id",
        });
        await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl], isPublic: true);

        foreach (var host in new[] { "evil.example", "localhost", "bekasikota.go.id", "a.b.bekasikota.go.id" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/dinkes/faskes/v1/x");
            request.Headers.Host = host;
            var refused = await gateway.Client.SendAsync(request);

            await GatewayErrorTests.AssertProblemAsync(refused, HttpStatusCode.MisdirectedRequest);
            Assert.DoesNotContain(host, await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(0, upstream.Count);

        foreach (var host in new[] { "api.bekasikota.go.id", "API.BekasiKota.go.id:8443" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/dinkes/faskes/v1/x");
            request.Headers.Host = host;
            Assert.Equal(HttpStatusCode.OK, (await gateway.Client.SendAsync(request)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/dinkes/faskes/v1/x")).StatusCode);
        Assert.Equal(3, upstream.Count);
    }

    [Fact]
    public async Task By_default_the_loopback_names_and_the_certificate_names_are_served_and_others_refused()
    {
        await using var gateway = await TestGateway.StartAsync();

        foreach (var (host, status) in new[] { ("localhost", HttpStatusCode.OK), ("[::1]", HttpStatusCode.OK), ("127.0.0.1", HttpStatusCode.OK), ("gateway.example", HttpStatusCode.MisdirectedRequest) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
            request.Headers.Host = host;
            Assert.Equal(status, (await gateway.Client.SendAsync(request)).StatusCode);
        }
    }

    [Theory]
    [InlineData("GET /dinkes/faskes/v1/x HTTP/1.1\nHost: localhost\nConnection: close\n\n")]                   // bare LF everywhere
    [InlineData("GET /dinkes/faskes/v1/x HTTP/1.1\r\nHost: localhost\nX-Smuggled: 1\r\nConnection: close\r\n\r\n")] // one bare LF
    [InlineData("POST /dinkes/faskes/v1/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: +81\r\nConnection: close\r\n\r\n")]
    [InlineData("POST /dinkes/faskes/v1/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0x51\r\nConnection: close\r\n\r\n")]
    public async Task HTTP_1_1_is_parsed_strictly_bare_LF_and_a_signed_Content_Length_are_refused(string head)
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl], isPublic: true);
        var body = head.Contains("Content-Length") ? new string('a', 81) : "";

        var (status, _) = await RawHttps.SendAsync(gateway.BaseUrl, head + body);

        Assert.Equal(400, status);
        Assert.Equal(0, upstream.Count);
        // The same request, well formed, is served: the raw client is not what was refused.
        var (wellFormed, _) = await RawHttps.SendAsync(gateway.BaseUrl,
            head.Replace("\r\n", "\n").Replace("\n", "\r\n").Replace("+81", "81").Replace("0x51", "81") + body);
        Assert.Equal(200, wellFormed);
        Assert.Equal(1, upstream.Count);
    }

    [Fact]
    public async Task Lookalikes_of_the_gateways_identity_headers_X_Real_IP_and_method_overrides_never_reach_the_upstream()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        var api = await gateway.PublishApiAsync("disdukcapil", "kependudukan", "v1", [upstream.BaseUrl]);
        using var caller = await gateway.CreateCallerAsync(api);
        var forged = new Dictionary<string, string>
        {
            ["X_Spbe_Client_Id"] = "aplikasi-admin", ["x_spbe_opd"] = "bappeda", ["X-SPBE-Token-Id"] = "palsu", ["X-Spbe-Role"] = "admin",
            ["X-Real-IP"] = "10.9.8.7", ["X_Real_IP"] = "10.9.8.7", ["X_Forwarded_For"] = "10.9.8.7", ["X_Forwarded_Host"] = "evil.example",
            ["X_Request_Id"] = "palsu",
            ["X-HTTP-Method-Override"] = "DELETE", ["X-HTTP-Method"] = "DELETE", ["X-Method-Override"] = "DELETE", ["X_HTTP_Method_Override"] = "DELETE",
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/disdukcapil/kependudukan/v1/kecamatan");
        foreach (var (name, value) in forged)
            request.Headers.TryAddWithoutValidation(name, value);

        Assert.Equal(HttpStatusCode.OK, (await caller.SendAsync(request)).StatusCode);

        var received = Assert.Single(upstream.Received).Headers;
        static string Normalized(string name) => name.Replace('_', '-').ToUpperInvariant();
        var seen = received.Keys.Select(Normalized).ToHashSet();
        Assert.DoesNotContain("X-REAL-IP", seen);
        Assert.DoesNotContain("X-HTTP-METHOD-OVERRIDE", seen);
        Assert.DoesNotContain("X-HTTP-METHOD", seen);
        Assert.DoesNotContain("X-METHOD-OVERRIDE", seen);
        Assert.DoesNotContain("X-SPBE-ROLE", seen);
        Assert.DoesNotContain(received.Values, v => v.Contains("10.9.8.7") || v.Contains("palsu") || v.Contains("evil.example") || v.Contains("aplikasi-admin") || v.Contains("bappeda"));
        // The gateway's own headers, once each, in their canonical spelling.
        Assert.Equal(["X-Forwarded-For", "X-Forwarded-Host", "X-Request-Id", "X-Spbe-Client-Id", "X-Spbe-Opd", "X-Spbe-Token-Id"],
            received.Keys.Where(k => Normalized(k) is "X-FORWARDED-FOR" or "X-FORWARDED-HOST" or "X-REQUEST-ID" || Normalized(k).StartsWith("X-SPBE-", StringComparison.Ordinal))
                .Order(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal("pemanggil", received["X-Spbe-Opd"]);
    }
}
