using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace SpbeConnector.TestSupport;

/// <summary>
/// Sends exact bytes to the gateway over TLS and reads until it closes the connection: for requests no HTTP client
/// would write (bare LF line ends, a signed Content-Length, malformed chunked framing).
/// </summary>
public static class RawHttps
{
    /// <summary>The status code and the whole response text (headers and body).</summary>
    public static async Task<(int Status, string Response)> SendAsync(string baseUrl, string request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, new Uri(baseUrl).Port, timeout.Token);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, timeout.Token);
        await ssl.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        await ssl.FlushAsync(timeout.Token);
        using var received = new MemoryStream();
        try
        {
            await ssl.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // A server that refuses a request may reset the connection after its answer.
        }
        var text = Encoding.UTF8.GetString(received.ToArray());
        var status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(text.AsSpan(9, 3)) : 0;
        return (status, text);
    }
}
