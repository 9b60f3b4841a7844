using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SpbeConnector.TestSupport;

/// <summary>
/// A real nginx for a test: writes the configuration it is given (for a free loopback port) into a directory of its own
/// and runs <c>nginx -p dir -c dir/nginx.conf -g 'daemon off;'</c>, as scripts/cluster.sh does. Fails loudly when nginx
/// is not installed (the test command installs it) or refuses its configuration.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    private readonly Process _process;

    private NginxServer(Process process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }
    public int Port { get; }
    public string BaseUrl => $"https://127.0.0.1:{Port}";

    /// <summary>Starts nginx with the configuration <paramref name="configuration"/> makes for the port it is given.</summary>
    public static async Task<NginxServer> StartAsync(Func<int, string> configuration)
    {
        var binary = Find() ?? throw new InvalidOperationException(
            "nginx is not installed; the test command installs it (Debian package nginx): apt-get install nginx");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var directory = Path.Combine(Path.GetTempPath(), "spbe-nginx-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        // As root nginx's workers run as nobody, and must be able to create their temporary files here.
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("The load-balancer tests run nginx on Linux (Debian's nginx package).");
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        var file = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(file, configuration(port));

        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-p", directory, "-c", file, "-g", "daemon off;" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new NginxServer(process, directory, port);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"nginx exited with {process.ExitCode} at start: {errors}{server.ErrorLog()}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"nginx did not listen on port {port} within 10 s: {errors}");
    }

    /// <summary>nginx's error log so far, for failure messages.</summary>
    public string ErrorLog()
    {
        var log = Path.Combine(Directory, "error.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }

    private static string? Find()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin"))
        {
            var candidate = Path.Combine(folder, "nginx");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
