using SpbeConnector.Gateway.Backup;
using SpbeConnector.Registry.Hosting;
using SpbeConnector.Audit.CommandLine;

namespace SpbeConnector.Gateway.Hosting;

/// <summary>
/// <c>backup DEST</c> and <c>restore BACKUP</c> (Kota Bekasi Pasal 60 ayat (4) huruf g, Pasal 36): a consistent online
/// backup of the registry, keys, certificate and audit log while the gateway runs, and its restore into a data
/// directory, after which the restored audit log is verified. The state backed up comes from <see cref="Targets"/>:
/// the data directory today; an external store adds its own <see cref="IBackupTarget"/> there.
/// </summary>
public static class BackupCommandLine
{
    public const int Succeeded = 0;
    public const int UsageError = 1;
    public const int Failed = 2;

    private const string Usage = """
        Usage:
          backup DEST [--data DIR]
              Copies the gateway's state (registry, keys, TLS certificate, audit log, SLA counts) while it runs.
              DEST: a new or empty folder, or a file ending in .tar.gz. DIR: the data directory (default: SPBE_DATA_DIR or ./data).
          restore BACKUP [--data DIR] [--force]
              Checks every file of BACKUP against its manifest, restores it into DIR (which must be empty; --force moves
              its content aside first), then verifies the restored audit log. Stop the gateway on DIR first.

        """;

    /// <summary>What a backup holds. The seam for other stores: a PostgreSQL target is added here when configured.</summary>
    public static IReadOnlyList<IBackupTarget> Targets(string dataDirectory) => [new DataDirectoryBackupTarget(dataDirectory)];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        if (args.Length < 2 || args[1] is "-h" or "--help")
        {
            await output.WriteAsync(Usage);
            return args.Length >= 2 ? Succeeded : UsageError;
        }
        string? data = null;
        var force = false;
        var positional = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data" when i + 1 < args.Length:
                    data = args[++i];
                    break;
                case "--force":
                    force = true;
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                        return Fail(error, $"Unknown option {args[i]}.\n{Usage}", UsageError);
                    positional.Add(args[i]);
                    break;
            }
        }
        if (positional.Count != 1)
            return Fail(error, Usage, UsageError);

        // As DataDirectory.Resolve, without creating the folder: a backup of a mistyped path must fail, not copy nothing.
        var dataDirectory = Path.GetFullPath(data ?? (Environment.GetEnvironmentVariable(DataDirectory.EnvironmentVariable) is { Length: > 0 } env ? env : "data"));
        var runner = new BackupRunner(Targets(dataDirectory), TimeProvider.System);
        try
        {
            return args[0] == "backup"
                ? await BackupAsync(runner, positional[0], dataDirectory, output, ct)
                : await RestoreAsync(runner, positional[0], dataDirectory, force, output, ct);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or System.Text.Json.JsonException)
        {
            return Fail(error, $"{args[0]} failed: {ex.Message}", Failed);
        }
    }

    private static async Task<int> BackupAsync(BackupRunner runner, string destination, string dataDirectory, TextWriter output, CancellationToken ct)
    {
        var manifest = await runner.CreateAsync(destination, dataDirectory, ct);
        await output.WriteLineAsync($"Backup of {dataDirectory} written to {Path.GetFullPath(destination)}: {manifest.Files.Count} files, " +
            $"{manifest.Files.Sum(f => f.Size)} bytes, SHA-256 of each in {BackupManifest.FileName}.");
        foreach (var (setting, path) in StateOutside(dataDirectory))
            await output.WriteLineAsync($"Note: {setting} points outside the data directory ({path}); it is not in this backup. Back it up with the host's own backup, or move it into {dataDirectory}.");
        return Succeeded;
    }

    private static async Task<int> RestoreAsync(BackupRunner runner, string backup, string dataDirectory, bool force, TextWriter output, CancellationToken ct)
    {
        // Never under a running server (--force would move its state away beneath it): its lock says whether one runs.
        if (File.Exists(Path.Combine(dataDirectory, DataDirectoryLock.LockFileName)))
        {
            try
            {
                DataDirectoryLock.Acquire(dataDirectory).Dispose();
            }
            catch (InvalidOperationException running)
            {
                throw new IOException($"{running.Message} Stop it before restoring into its data directory.");
            }
        }
        var result = await runner.RestoreAsync(backup, dataDirectory, force, ct);
        await output.WriteLineAsync($"Restored the backup of {result.Manifest.Source} made {result.Manifest.CreatedAt:u} into {dataDirectory} " +
            $"({result.Manifest.Files.Count} files, every SHA-256 checked).");
        if (result.MovedAside is not null)
            await output.WriteLineAsync($"The earlier content of {dataDirectory} was moved to {result.MovedAside}; delete it once the restored gateway runs well.");
        await output.WriteLineAsync("Verifying the restored audit log:");
        var verified = await AuditCommandLine.RunAsync(["verify", dataDirectory], output, output);
        return verified == AuditCommandLine.Verified ? Succeeded : Failed;
    }

    /// <summary>Settings (from the environment, as the service gets them) that keep state or keys outside the data directory.</summary>
    private static IEnumerable<(string Setting, string Path)> StateOutside(string dataDirectory)
    {
        foreach (var setting in new[] { "Audit:Directory", "Audit:Retention:ArchiveDirectory", "Sla:StorePath", "Tls:CertificatePath", "Tls:KeyPath",
                     "Audit:CheckpointKey:KeyPath", "Audit:ReceiptKey:KeyPath" })
        {
            if (Environment.GetEnvironmentVariable(setting.Replace(":", "__")) is { Length: > 0 } value
                && !(Path.GetFullPath(value) + Path.DirectorySeparatorChar).StartsWith(dataDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                yield return (setting, value);
        }
    }

    private static int Fail(TextWriter error, string message, int code)
    {
        error.WriteLine(message);
        return code;
    }
}
