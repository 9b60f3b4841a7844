using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace SpbeConnector.TestSupport;

/// <summary>
/// A real clamd (Debian's clamav-daemon) for tests, on a Unix socket in a temporary directory, with a signature
/// database of the tests' own: the EICAR test string as a body signature, matched anywhere in a file (the public
/// signature download cannot run here). Installed by scripts/test.sh; a missing clamd fails the test loudly.
/// </summary>
public sealed class ClamdServer : IAsyncDisposable
{
    /// <summary>The EICAR anti-virus test string: harmless, and detected as a virus by design.</summary>
    public const string Eicar = @"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    public const string SignatureName = "Eicar-Test-Signature.SPBE";

    private readonly Process _process;
    private readonly string _directory;

    private ClamdServer(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    public string SocketPath => Path.Combine(_directory, "clamd.sock");

    /// <summary>The value of the gateway's <c>FileScanning:Clamd</c> setting.</summary>
    public string Endpoint => "unix:" + SocketPath;

    public static async Task<ClamdServer> StartAsync()
    {
        var clamd = new[] { "/usr/sbin/clamd", "/usr/bin/clamd" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("clamd is not installed: run scripts/test.sh as root, or apt-get install clamav-daemon.");
        var directory = Path.Combine(Path.GetTempPath(), "spbe-clamd-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(directory, "db"));
        var hex = Convert.ToHexStringLower(Encoding.ASCII.GetBytes(Eicar));
        await File.WriteAllTextAsync(Path.Combine(directory, "db", "spbe-test.ndb"), $"{SignatureName}:0:*:{hex}\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "clamd.conf"), $"""
            Foreground yes
            LocalSocket {Path.Combine(directory, "clamd.sock")}
            DatabaseDirectory {Path.Combine(directory, "db")}
            LogFile {Path.Combine(directory, "clamd.log")}
            StreamMaxLength 64M
            MaxThreads 4
            """);
        var process = Process.Start(new ProcessStartInfo(clamd, $"--config-file={Path.Combine(directory, "clamd.conf")}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ClamdServer(process, directory);
        try
        {
            await TestGateway.EventuallyAsync(server.PingAsync, TimeSpan.FromSeconds(90), "clamd answers PING on its socket");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private async Task<bool> PingAsync()
    {
        if (_process.HasExited)
            throw new InvalidOperationException($"clamd exited with {_process.ExitCode}; see {Path.Combine(_directory, "clamd.log")}");
        if (!File.Exists(SocketPath))
            return false;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
            await socket.SendAsync("zPING\0"u8.ToArray());
            var reply = new byte[16];
            var read = await socket.ReceiveAsync(reply);
            return Encoding.ASCII.GetString(reply, 0, read).StartsWith("PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
