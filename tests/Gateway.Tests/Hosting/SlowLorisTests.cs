using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Hosting;

/// <summary>
/// Pasal 60 ayat (3) huruf c (anti-DDoS): many connections that send their headers byte by byte do not starve
/// normal clients, and are closed once the header timeout passes.
/// </summary>
public class SlowLorisTests
{
    [Fact]
    public async Task Connections_dripping_headers_byte_by_byte_are_cut_off_and_do_not_starve_normal_clients()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Kestrel:Limits:RequestHeadersTimeout"] = "00:00:02" });
        await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl], isPublic: true);
        var port = new Uri(gateway.BaseUrl).Port;
        using var stop = new CancellationTokenSource();

        var attackers = Enumerable.Range(0, 150).Select(_ => DripAsync(port, stop.Token)).ToArray();
        await Task.Delay(500);

        var normal = Stopwatch.StartNew();
        for (var i = 0; i < 30; i++)
            Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/dinkes/faskes/v1/x")).StatusCode);
        normal.Stop();

        var closedAfter = await Task.WhenAll(attackers).WaitAsync(TimeSpan.FromSeconds(30));
        stop.Cancel();

        Assert.True(normal.Elapsed < TimeSpan.FromSeconds(10), $"30 normal requests took {normal.Elapsed.TotalSeconds:0.0} s during the attack");
        Assert.All(closedAfter, closed => Assert.InRange(closed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(15)));
        Assert.Equal(30, upstream.Count); // no dripped request ever reached the upstream
    }

    /// <summary>Completes a TLS handshake, then sends one header byte every 300 ms; returns how long until the server closed the connection.</summary>
    private static async Task<TimeSpan> DripAsync(int port, CancellationToken ct)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, ct);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, ct);
        var started = Stopwatch.StartNew();
        var request = Encoding.ASCII.GetBytes("GET /dinkes/faskes/v1/x HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + new string('a', 200));
        try
        {
            foreach (var b in request)
            {
                await ssl.WriteAsync(new[] { b }, ct);
                await ssl.FlushAsync(ct);
                await Task.Delay(300, ct);
            }
        }
        catch (IOException)
        {
            return started.Elapsed; // the server closed the connection
        }
        throw new Xunit.Sdk.XunitException("the server kept a connection open for the whole slow header");
    }
}
