using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.JsonWebTokens;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Cluster;

/// <summary>
/// Two nodes behind a real nginx, configured as scripts/cluster.sh configures it (deploy/nginx/load-balancer.conf):
/// TLS ends at nginx, which says who the client is (X-Forwarded-For) and which certificate it presented
/// (X-Client-Certificate), and the nodes believe it from nginx's address only (Gateway:TrustedProxies). Per-source
/// limits and the audit record then see the real client (Pasal 60 ayat (3) huruf c; Pasal 59 ayat (9)), mutual-TLS
/// client authentication and certificate-bound tokens work through the balancer (Pasal 60 ayat (3) huruf i), and a
/// client talking to a node directly can claim neither another address nor a certificate.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LoadBalancerTests(ClusterServers servers)
{
    private const string CertificateHeader = "X-Client-Certificate";

    [Fact]
    public async Task Through_nginx_each_real_client_has_its_own_per_ip_limit_and_is_the_source_of_its_audit_record()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var cluster = await BalancedCluster.StartAsync(servers, new() { ["AntiAutomation:PerIpLimit"] = "5" });
        await cluster.PublishPublicAsync("dishub", "parkir", "v1", upstream.BaseUrl);
        upstream.Clear(); // the calls that waited for both nodes to route it

        using var agus = cluster.ThroughNginx("127.0.0.2");
        using var siti = cluster.ThroughNginx("127.0.0.3");
        var answered = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
            answered.Add(await agus.GetAsync($"/dishub/parkir/v1/tarif/{i}"));
        Assert.All(answered, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // Round robin: both nodes served Agus, and they counted him together (Redis), as one client among others.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await agus.GetAsync("/dishub/parkir/v1/tarif/5")).StatusCode);
        // Siti, behind the same balancer, has her own budget: before the fix every client was nginx's 127.0.0.1.
        Assert.Equal(HttpStatusCode.OK, (await siti.GetAsync("/dishub/parkir/v1/tarif")).StatusCode);

        // The audit record of Agus's exchange names Agus's address, whichever node served it.
        var requestId = answered[0].Headers.GetValues("X-Request-Id").Single();
        var record = await cluster.AuditRecordAsync(requestId);
        Assert.Equal("127.0.0.2", record.GetProperty("sourceIp").GetString());
        // And the upstream is told the real client, with nothing of the balancer's own headers passed on as received.
        var seen = upstream.Received.First();
        Assert.Equal("127.0.0.2", seen.Headers["X-Forwarded-For"]);
        Assert.False(seen.Headers.ContainsKey(CertificateHeader));
        Assert.False(seen.Headers.ContainsKey("X-Original-For"));
    }

    [Fact]
    public async Task Forwarding_headers_and_a_certificate_header_from_a_peer_that_is_not_a_trusted_proxy_are_ignored_and_never_reach_the_upstream()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var cluster = await BalancedCluster.StartAsync(servers, new() { ["AntiAutomation:PerIpLimit"] = "3" });
        await cluster.PublishPublicAsync("dishub", "parkir", "v1", upstream.BaseUrl);
        upstream.Clear(); // the calls that waited for both nodes to route it
        using var certificate = TestCertificates.CreateClientCertificate("penyusup");

        // Straight to a node from 127.0.0.4, claiming to be a new client each time, and to hold a certificate.
        using var direct = cluster.NodeA.CreateClientFrom("127.0.0.4");
        var statuses = new List<HttpStatusCode>();
        string? requestId = null;
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/dishub/parkir/v1/tarif");
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"203.0.113.{i + 1}");
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "http");
            request.Headers.TryAddWithoutValidation("Forwarded", $"for=203.0.113.{i + 1};proto=http");
            request.Headers.TryAddWithoutValidation("X-Original-For", "203.0.113.99");
            request.Headers.TryAddWithoutValidation(CertificateHeader, Uri.EscapeDataString(TestCertificates.Pem(certificate)));
            var response = await direct.SendAsync(request);
            statuses.Add(response.StatusCode);
            requestId ??= response.Headers.GetValues("X-Request-Id").Single();
        }

        // Counted as 127.0.0.4 every time: the fourth is over its limit of three.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var record = await cluster.AuditRecordAsync(requestId!);
        Assert.Equal("127.0.0.4", record.GetProperty("sourceIp").GetString());
        Assert.False(record.TryGetProperty("tlsClientCertificateSha256", out _));
        Assert.Equal(3, upstream.Count);
        foreach (var seen in upstream.Received)
        {
            Assert.Equal("127.0.0.4", seen.Headers["X-Forwarded-For"]);
            Assert.Equal("https", seen.Headers["X-Forwarded-Proto"]);
            Assert.False(seen.Headers.ContainsKey("Forwarded"), "RFC 7239 Forwarded reached the upstream as the client sent it");
            Assert.False(seen.Headers.ContainsKey("X-Original-For"));
            Assert.False(seen.Headers.ContainsKey(CertificateHeader), "the client's certificate header reached the upstream");
        }
    }

    [Fact]
    public async Task A_certificate_bound_token_works_through_nginx_with_the_forwarded_certificate_and_fails_without_it()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var cluster = await BalancedCluster.StartAsync(servers, []);
        var api = await cluster.NodeA.PublishApiAsync("dinkes", "rekam-medis", "v1", [upstream.BaseUrl]);
        using var certificate = TestCertificates.CreateClientCertificate("aplikasi-rs");
        using var other = TestCertificates.CreateClientCertificate("penyusup");
        var client = await cluster.NodeA.CreateClientAsync("rsud", "rsud-simrs", certificates: [TestCertificates.Pem(certificate)]);
        await cluster.NodeA.SubscribeAsync(client.ClientId, api);
        await cluster.WaitUntilBothNodesRouteAsync("/dinkes/rekam-medis/v1/pasien/1");

        using var withCertificate = cluster.ThroughNginx("127.0.0.5", certificate);
        using var withOther = cluster.ThroughNginx("127.0.0.5", other);
        using var withoutCertificate = cluster.ThroughNginx("127.0.0.5");

        // self_signed_tls_client_auth at /oauth2/token, through nginx: the certificate nginx forwards authenticates.
        var issued = await RequestTokenAsync(withCertificate, client.ClientId);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var token = (await issued.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["access_token"].ToString()!;
        var cnf = new JsonWebToken(token).GetPayloadValue<Dictionary<string, object>>("cnf");
        Assert.Equal(CertificateThumbprint.Of(certificate), cnf["x5t#S256"].ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await RequestTokenAsync(withoutCertificate, client.ClientId)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RequestTokenAsync(withOther, client.ClientId)).StatusCode);

        // The bound token works only with its certificate, whichever node answers (two calls: round robin).
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, await CallAsync(withCertificate, token));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(withoutCertificate, token));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(withOther, token));
        // A client without a certificate cannot pass one off in the header: nginx replaces it with what TLS showed.
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(withoutCertificate, token, Uri.EscapeDataString(TestCertificates.Pem(certificate))));
        // Nor straight to a node, which is not a trusted proxy's connection.
        using var direct = cluster.NodeB.CreateClientFrom("127.0.0.5");
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(direct, token, Uri.EscapeDataString(TestCertificates.Pem(certificate))));
        Assert.Equal(2, upstream.Count);
        Assert.All(upstream.Received, seen => Assert.False(seen.Headers.ContainsKey(CertificateHeader)));
    }

    private static Task<HttpResponseMessage> RequestTokenAsync(HttpClient over, string clientId) =>
        over.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId,
        }));

    private static async Task<HttpStatusCode> CallAsync(HttpClient over, string token, string? certificateHeader = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dinkes/rekam-medis/v1/pasien/1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (certificateHeader is not null)
            request.Headers.TryAddWithoutValidation(CertificateHeader, certificateHeader);
        return (await over.SendAsync(request)).StatusCode;
    }

    /// <summary>Two nodes on the shared PostgreSQL and Redis, behind nginx on loopback, as scripts/cluster.sh runs them.</summary>
    private sealed class BalancedCluster : IAsyncDisposable
    {
        private readonly string _directory;

        private BalancedCluster(TestGateway nodeA, TestGateway nodeB, NginxServer nginx, string directory)
        {
            NodeA = nodeA;
            NodeB = nodeB;
            Nginx = nginx;
            _directory = directory;
        }

        public TestGateway NodeA { get; }
        public TestGateway NodeB { get; }
        public NginxServer Nginx { get; }

        public static async Task<BalancedCluster> StartAsync(ClusterServers servers, Dictionary<string, string?> extra)
        {
            var settings = servers.NodeSettings(await servers.NewDatabaseAsync());
            // What scripts/cluster.sh gives every node: nginx's address is the one trusted proxy.
            settings["Gateway:TrustedProxies"] = "127.0.0.1/32";
            settings["Gateway:ForwardedClientCertificateHeader"] = CertificateHeader;
            foreach (var (key, value) in extra)
                settings[key] = value;
            var nodeA = await TestGateway.StartAsync(settings);
            var nodeB = await TestGateway.StartAsync(settings);
            var directory = Path.Combine(Path.GetTempPath(), "spbe-lb-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            var nodesCa = Path.Combine(directory, "nodes.crt");
            await File.WriteAllTextAsync(nodesCa, TestCertificates.Pem(nodeA.Certificate) + "\n" + TestCertificates.Pem(nodeB.Certificate) + "\n");
            var tls = Path.Combine(nodeA.DataDirectory, "tls");
            var nginx = await NginxServer.StartAsync(port => LoadBalancerConfiguration.For(port, [nodeA.BaseUrl, nodeB.BaseUrl],
                Path.Combine(tls, "gateway-dev.crt"), Path.Combine(tls, "gateway-dev.key"), nodesCa));
            return new BalancedCluster(nodeA, nodeB, nginx, directory);
        }

        /// <summary>A client of the balancer from <paramref name="localAddress"/>, presenting <paramref name="certificate"/> if given.</summary>
        public HttpClient ThroughNginx(string localAddress, X509Certificate2? certificate = null)
        {
            var client = NodeA.CreateClient(handler =>
            {
                handler.ConnectCallback = TestGateway.ConnectFrom(localAddress);
                if (certificate is not null)
                {
                    handler.SslOptions.ClientCertificates = new X509CertificateCollection { certificate };
                    handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
                }
            });
            client.BaseAddress = new Uri(Nginx.BaseUrl);
            return client;
        }

        public async Task PublishPublicAsync(string opd, string slug, string version, string upstream)
        {
            await NodeA.PublishPublicApiAsync(opd, slug, version, [upstream]);
            await WaitUntilBothNodesRouteAsync($"/{opd}/{slug}/{version}/ping");
        }

        /// <summary>
        /// Waits until both nodes route <paramref name="path"/> (any answer but 404), asking each node directly from
        /// 127.0.0.1, whose own per-source budget the tests' clients do not share.
        /// </summary>
        public Task WaitUntilBothNodesRouteAsync(string path) =>
            TestGateway.EventuallyAsync(async () =>
                (await NodeA.Client.GetAsync(path)).StatusCode != HttpStatusCode.NotFound && (await NodeB.Client.GetAsync(path)).StatusCode != HttpStatusCode.NotFound,
                TimeSpan.FromSeconds(10), $"both nodes route {path}");

        /// <summary>The first audit record of the exchange <paramref name="requestId"/>, from whichever node recorded it.</summary>
        public async Task<System.Text.Json.JsonElement> AuditRecordAsync(string requestId)
        {
            System.Text.Json.JsonElement? found = null;
            await TestGateway.EventuallyAsync(() =>
            {
                found = new[] { NodeA, NodeB }
                    .SelectMany(node => new AuditLogReader(node.DataDirectory).ForRequest(requestId))
                    .Select(row => (System.Text.Json.JsonElement?)row.Json).FirstOrDefault();
                return Task.FromResult(found is not null);
            }, TimeSpan.FromSeconds(10), $"an audit record of {requestId} is written");
            return found!.Value;
        }

        public async ValueTask DisposeAsync()
        {
            await Nginx.DisposeAsync();
            await NodeB.DisposeAsync();
            await NodeA.DisposeAsync();
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        }
    }
}
