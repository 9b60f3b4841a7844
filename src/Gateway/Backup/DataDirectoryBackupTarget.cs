using Microsoft.Data.Sqlite;

namespace SpbeConnector.Gateway.Backup;

/// <summary>
/// The data directory: every SQLite store in it (registry, audit log, SLA counts) copied with SQLite's online backup
/// API, so each copy is one consistent transaction even while the gateway writes; every other file (signing and data
/// protection keys, the TLS certificate, audit keys and archives, credentials' digests, settings) copied as it is. Logs
/// and SQLite's own side files (-wal, -shm, -journal) are left out: they are not state, or are inside the copies; so
/// are the running server's lock and process id files (<see cref="Hosting.DataDirectoryLock"/>), which belong to the
/// process, not to the state (and the lock cannot be read while it is held).
/// </summary>
public sealed class DataDirectoryBackupTarget(string dataDirectory) : IBackupTarget
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();
    private static readonly string[] SideFileSuffixes = ["-wal", "-shm", "-journal"];

    public string Name => "data";

    public string DataDirectory { get; } = Path.GetFullPath(dataDirectory);

    public async Task BackupAsync(string destination, CancellationToken ct)
    {
        if (!Directory.Exists(DataDirectory))
            throw new IOException($"The data directory {DataDirectory} does not exist; give the gateway's data directory with --data or SPBE_DATA_DIR.");
        var files = StateFiles().ToList();
        if (files.Count == 0)
            throw new IOException($"The data directory {DataDirectory} holds no state; give the gateway's data directory with --data or SPBE_DATA_DIR.");
        // Stores first, in one pass, then the other files: the audit archive files a retention run writes after the
        // store was copied still hold records that the copied store holds too, so nothing falls between the two.
        foreach (var file in files.Where(IsSqliteStore))
            CopyStore(file, Target(destination, file));
        foreach (var file in files.Where(f => !IsSqliteStore(f)))
        {
            ct.ThrowIfCancellationRequested();
            var target = Target(destination, file);
            await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
            await input.CopyToAsync(output, ct);
        }
    }

    public Task RestoreAsync(string source, CancellationToken ct)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            ct.ThrowIfCancellationRequested();
            var target = Path.Combine(DataDirectory, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: false);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(target, File.GetUnixFileMode(file)); // keys stay owner-readable only
        }
        return Task.CompletedTask;
    }

    private IEnumerable<string> StateFiles() =>
        Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(DataDirectory, f).StartsWith("logs" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => !SideFileSuffixes.Any(s => f.EndsWith(s, StringComparison.Ordinal)))
            .Where(f => Path.GetRelativePath(DataDirectory, f) is not (Hosting.DataDirectoryLock.LockFileName or Hosting.DataDirectoryLock.OwnerFileName))
            .Order(StringComparer.Ordinal);

    private string Target(string destination, string file)
    {
        var target = Path.Combine(destination, Path.GetRelativePath(DataDirectory, file));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        return target;
    }

    private static bool IsSqliteStore(string file)
    {
        Span<byte> header = stackalloc byte[16];
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return stream.ReadAtLeast(header, 16, throwOnEndOfStream: false) == 16 && header.SequenceEqual(SqliteHeader);
    }

    private static void CopyStore(string file, string target)
    {
        using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        source.Open();
        using (var wait = source.CreateCommand())
        {
            wait.CommandText = "PRAGMA busy_timeout=10000;";
            wait.ExecuteNonQuery();
        }
        copy.Open();
        source.BackupDatabase(copy);
        // The copy is one self-contained file, not a WAL pair.
        using var mode = copy.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode=DELETE;";
        mode.ExecuteNonQuery();
    }
}
