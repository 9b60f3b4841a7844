using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SpbeConnector.TestSupport;

/// <summary>
/// A real PostgreSQL for a test, from Debian's binaries: a fresh cluster (initdb) in a temporary directory, started
/// with pg_ctl on a free loopback port, trusting local connections. As root it runs as the <c>postgres</c> account
/// (PostgreSQL refuses to run as root). It can be stopped and started again on the same port to test outages. Fails,
/// naming what is missing, when the binaries are not installed (the test command installs them); never skips.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string User = "spbe";
    private const string ServiceAccount = "postgres";

    private readonly string _bin;
    private readonly string _directory;
    private readonly bool _asServiceAccount;

    private PostgresServer(string bin, string directory, int port, bool asServiceAccount)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
        _asServiceAccount = asServiceAccount;
    }

    public int Port { get; }
    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Timeout=5;Command Timeout=10";

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinaries();
        var asServiceAccount = Environment.UserName == "root";
        var directory = Path.Combine(Path.GetTempPath(), "spbe-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        if (asServiceAccount)
            await RunAsync("chown", [ServiceAccount, directory]);
        var server = new PostgresServer(bin, directory, FreePort(), asServiceAccount);
        await server.RunPostgresToolAsync("initdb", ["-D", server.DataDirectory, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task StartAgainAsync()
    {
        // The socket directory is the temporary one: /var/run/postgresql may not exist or be writable here.
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -k {_directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await RunPostgresToolAsync("pg_ctl", ["start", "-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "30", "-o", options]);
    }

    /// <summary>Stops the server at once (as a crash or a lost network would look to the gateway).</summary>
    public Task StopAsync() => RunPostgresToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w"]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL's server binaries (initdb, pg_ctl under /usr/lib/postgresql/<version>/bin) are not installed; " +
            "the cluster tests need them: run scripts/test.sh as root, or apt-get install postgresql.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private Task RunPostgresToolAsync(string tool, string[] arguments) =>
        _asServiceAccount
            ? RunAsync("runuser", ["-u", ServiceAccount, "--", Path.Combine(_bin, tool), .. arguments])
            : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
    }
}
