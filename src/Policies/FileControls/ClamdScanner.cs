using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpbeConnector.Policies.FileControls;

/// <summary>
/// Scans through clamd (the ClamAV daemon) with its INSTREAM command: the content is streamed in length-prefixed
/// chunks over a Unix or TCP socket and clamd answers <c>stream: OK</c> or <c>stream: {signature} FOUND</c>.
/// One connection per scan keeps scans independent; clamd runs them in parallel.
/// </summary>
public sealed partial class ClamdScanner(IOptions<ClamdOptions> options, ILogger<ClamdScanner> logger) : IFileScanner
{
    private readonly ClamdOptions _options = options.Value;

    public async Task<FileScanResult> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_options.Clamd) || !TryParseEndpoint(_options.Clamd, out var endpoint))
            return new FileScanResult(FileScanVerdict.Unavailable, "no virus scanner is configured (FileScanning:Clamd)");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, endpoint is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp);
            await socket.ConnectAsync(endpoint, timeout.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), timeout.Token);
            var prefix = new byte[4];
            for (var offset = 0; offset < content.Length; offset += _options.ChunkBytes)
            {
                var chunk = content.Slice(offset, Math.Min(_options.ChunkBytes, content.Length - offset));
                BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)chunk.Length);
                await stream.WriteAsync(prefix, timeout.Token);
                await stream.WriteAsync(chunk, timeout.Token);
            }
            BinaryPrimitives.WriteUInt32BigEndian(prefix, 0);
            await stream.WriteAsync(prefix, timeout.Token);
            var reply = await ReadReplyAsync(stream, timeout.Token);
            return Interpret(reply);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(ex, _options.Clamd);
            return new FileScanResult(FileScanVerdict.Unavailable, ex is OperationCanceledException ? "the scan timed out" : "clamd could not be reached");
        }
    }

    internal static FileScanResult Interpret(string reply)
    {
        if (reply == "stream: OK")
            return FileScanResult.Clean;
        if (reply.StartsWith("stream: ", StringComparison.Ordinal) && reply.EndsWith(" FOUND", StringComparison.Ordinal))
            return new FileScanResult(FileScanVerdict.Infected, reply["stream: ".Length..^" FOUND".Length]);
        // "INSTREAM size limit exceeded. ERROR" and the like: no verdict.
        return new FileScanResult(FileScanVerdict.Unavailable, "clamd answered: " + reply);
    }

    private static async Task<string> ReadReplyAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reply = new List<byte>(64);
        var one = new byte[256];
        while (reply.Count < 4096)
        {
            var read = await stream.ReadAsync(one, cancellationToken);
            if (read == 0)
                break;
            var end = Array.IndexOf(one, (byte)0, 0, read);
            reply.AddRange(one.AsSpan(0, end < 0 ? read : end));
            if (end >= 0)
                break;
        }
        return Encoding.ASCII.GetString(reply.ToArray()).Trim();
    }

    internal static bool TryParseEndpoint(string value, out EndPoint endpoint)
    {
        endpoint = null!;
        if (value.StartsWith("unix:", StringComparison.Ordinal) && value.Length > 5)
        {
            endpoint = new UnixDomainSocketEndPoint(value[5..]);
            return true;
        }
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == "tcp" && uri.Port > 0 && IPAddress.TryParse(uri.Host, out var address))
        {
            endpoint = new IPEndPoint(address, uri.Port);
            return true;
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The virus scanner at {Endpoint} gave no verdict; check that clamd runs and its socket is reachable (FileScanning:Clamd)")]
    private partial void LogUnavailable(Exception exception, string? endpoint);
}
