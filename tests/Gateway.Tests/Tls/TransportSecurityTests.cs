using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Tls;

/// <summary>
/// Pasal 60 ayat (3) huruf a and ayat (5) huruf a: HTTPS only, TLS 1.2 minimum with 1.3 preferred, no weak suites.
/// The refusals are checked with OpenSSL's own client, allowed to offer the old protocols (security level 0), so
/// that a refusal can only come from the gateway.
/// </summary>
public class TransportSecurityTests
{
    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Tls_12_and_13_handshakes_succeed(SslProtocols protocol)
    {
        await using var gateway = await TestGateway.StartAsync();
        var port = new Uri(gateway.BaseUrl).Port;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, cert, _, _) => cert?.GetCertHashString() == gateway.Certificate.GetCertHashString());

        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", EnabledSslProtocols = protocol });

        Assert.Equal(protocol, ssl.SslProtocol);
    }

    [Fact]
    public async Task Tls_13_is_preferred_when_the_client_offers_both()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, new Uri(gateway.BaseUrl).Port);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);

        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 });

        Assert.Equal(SslProtocols.Tls13, ssl.SslProtocol);
    }

    [Theory]
    [InlineData("-tls1")]
    [InlineData("-tls1_1")]
    public async Task Tls_10_and_11_handshakes_are_refused_by_the_gateway(string protocolFlag)
    {
        await using var gateway = await TestGateway.StartAsync();

        var output = await OpenSslClientAsync(new Uri(gateway.BaseUrl).Port, protocolFlag, "-cipher", "DEFAULT:@SECLEVEL=0");

        Assert.Contains("alert protocol version", output);
        Assert.DoesNotContain("BEGIN CERTIFICATE", output);
    }

    [Theory]
    [InlineData("AES128-SHA")]        // no forward secrecy, CBC
    [InlineData("AES256-GCM-SHA384")] // no forward secrecy
    [InlineData("ECDHE-RSA-AES128-SHA")] // CBC with SHA-1
    [InlineData("DES-CBC3-SHA")]      // 3DES
    public async Task Weak_tls12_cipher_suites_are_refused(string cipher)
    {
        await using var gateway = await TestGateway.StartAsync();

        var output = await OpenSslClientAsync(new Uri(gateway.BaseUrl).Port, "-tls1_2", "-cipher", cipher + ":@SECLEVEL=0");

        Assert.DoesNotContain("BEGIN CERTIFICATE", output);
        Assert.Matches("alert handshake failure|no cipher|no ciphers available", output);
    }

    [Fact]
    public async Task A_plain_http_request_to_the_public_port_gets_no_http_answer()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var attempt = await Record.ExceptionAsync(() => plain.GetAsync($"http://127.0.0.1:{new Uri(gateway.BaseUrl).Port}/healthz"));

        Assert.IsType<HttpRequestException>(attempt);
    }

    [Fact]
    public async Task Configuring_a_plain_http_listener_is_refused_at_start_with_the_fix_named()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestGateway.StartAsync(new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" }));

        Assert.Contains("HTTPS only", error.Message);
        Assert.Contains("Gateway:AllowPlainHttp", error.Message);
    }

    private static async Task<string> OpenSslClientAsync(int port, params string[] options)
    {
        var start = new ProcessStartInfo("openssl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-servername", "localhost" }.Concat(options))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl is not installed; the test command installs it (Debian package openssl).");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        return await stdout + await stderr;
    }
}
