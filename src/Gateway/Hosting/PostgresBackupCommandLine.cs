using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using SpbeConnector.Registry.Hosting;

namespace SpbeConnector.Gateway.Hosting;

/// <summary>
/// <c>backup DIR</c> and <c>restore DIR</c> when the registry is on PostgreSQL (Kota Bekasi Pasal 60 ayat (4) huruf g
/// and Pasal 36: recovery and restore). One <c>pg_dump</c> of the whole database is one consistent snapshot of the
/// registry, the signing keys, the Data Protection key ring and, with <c>Audit:Store=PostgreSql</c>, every node's audit
/// log; <c>pg_restore</c> puts it back (stop every node first). A manifest records the dump's SHA-256, checked before
/// restoring. Settings are read as the gateway reads them (appsettings.json, environment, <c>--Section:Key=value</c>).
/// Files under each node's data directory (SQLite audit logs, audit keys, TLS) are not in the database.
/// </summary>
public static class PostgresBackupCommandLine
{
    public const string DumpFile = "registry.pgdump";
    public const string ManifestFile = "postgres-backup.json";

    /// <summary>Whether the configuration puts the registry on PostgreSQL (the commands are then this class's).</summary>
    public static bool Handles(string[] args) => IsPostgres(Configuration(args));

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var positional = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (positional.Length != 1)
            return Fail(error, $"usage: {args[0]} DIRECTORY   (the registry is on PostgreSQL: ConnectionStrings:Registry names the database)");
        try
        {
            var connection = RegistryStoreServiceCollectionExtensions.PostgresConnection(Configuration(args));
            return args[0] == "backup"
                ? await BackupAsync(connection, positional[0], output)
                : await RestoreAsync(connection, positional[0], output, error);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or JsonException or System.ComponentModel.Win32Exception)
        {
            return Fail(error, $"{args[0]}: {ex.Message}");
        }
    }

    private static async Task<int> BackupAsync(string connection, string directory, TextWriter output)
    {
        Directory.CreateDirectory(directory);
        var dump = Path.Combine(directory, DumpFile);
        await RunToolAsync("pg_dump", connection, ["--format=custom", "--no-owner", "--file", dump]);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(dump, UnixFileMode.UserRead | UnixFileMode.UserWrite); // holds the key ring: owner only
        var manifest = new PostgresBackupManifest(
            DumpFile, Convert.ToHexStringLower(await HashAsync(dump)), new FileInfo(dump).Length,
            new NpgsqlConnectionStringBuilder(connection).Database ?? "", DateTimeOffset.UtcNow);
        await File.WriteAllTextAsync(Path.Combine(directory, ManifestFile), JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }));
        await output.WriteLineAsync($"backup: database '{manifest.Database}' written to {dump} ({manifest.Length} bytes, sha256 {manifest.Sha256})");
        return 0;
    }

    private static async Task<int> RestoreAsync(string connection, string directory, TextWriter output, TextWriter error)
    {
        var manifestPath = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifestPath))
            return Fail(error, $"restore: {manifestPath} does not exist; give the directory a backup command wrote.");
        var manifest = JsonSerializer.Deserialize<PostgresBackupManifest>(await File.ReadAllTextAsync(manifestPath))
                       ?? throw new JsonException($"{manifestPath} is empty.");
        var dump = Path.Combine(directory, manifest.File);
        var actual = Convert.ToHexStringLower(await HashAsync(dump));
        if (actual != manifest.Sha256)
            return Fail(error, $"restore: {dump} does not match its manifest (sha256 {actual}, expected {manifest.Sha256}); it was changed or damaged. Nothing was restored.");
        // One transaction: a failed restore leaves the database as it was. --clean replaces what the backup holds.
        await RunToolAsync("pg_restore", connection, ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", "--dbname", DatabaseName(connection), dump]);
        await output.WriteLineAsync($"restore: {dump} (database '{manifest.Database}' of {manifest.CreatedAt:u}) restored into '{new NpgsqlConnectionStringBuilder(connection).Database}'. Start the nodes; each reloads the registry.");
        return 0;
    }

    /// <summary>
    /// Runs a PostgreSQL client tool with the connection in its environment (PGHOST, PGPASSWORD, ...), never on its
    /// command line where other users of the machine could read the password.
    /// </summary>
    private static async Task RunToolAsync(string tool, string connection, string[] arguments)
    {
        var start = new ProcessStartInfo(FindTool(tool)) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var c = new NpgsqlConnectionStringBuilder(connection);
        void Set(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                start.Environment[name] = value;
        }
        Set("PGHOST", c.Host);
        Set("PGPORT", c.Port.ToString());
        Set("PGDATABASE", c.Database);
        Set("PGUSER", c.Username);
        Set("PGPASSWORD", c.Password);
        Set("PGSSLMODE", c.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        });
        Set("PGSSLROOTCERT", c.RootCertificate);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {(await stderr).Trim()} {(await stdout).Trim()}".Trim());
    }

    /// <summary>pg_restore takes the target database from --dbname; the rest of the connection travels in the environment.</summary>
    private static string DatabaseName(string connection) => new NpgsqlConnectionStringBuilder(connection).Database ?? "postgres";

    /// <summary>The newest Debian PostgreSQL client (a dump must be made by a pg_dump at least as new as the server), else PATH.</summary>
    private static string FindTool(string tool)
    {
        const string root = "/usr/lib/postgresql";
        var debian = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0).FirstOrDefault()
            : null;
        return debian ?? tool; // Process.Start reports a missing tool; the message below names the package.
    }

    private static async Task<byte[]> HashAsync(string path)
    {
        if (!File.Exists(path))
            throw new IOException($"{path} does not exist.");
        await using var stream = File.OpenRead(path);
        return await SHA256.HashDataAsync(stream);
    }

    private static IConfiguration Configuration(string[] args) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray())
        .Build();

    private static bool IsPostgres(IConfiguration configuration) =>
        (configuration.GetSection(RegistryOptions.Section).Get<RegistryOptions>() ?? new RegistryOptions()).Provider == RegistryStoreProvider.PostgreSql;

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return 1;
    }
}
