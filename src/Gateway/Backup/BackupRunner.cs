using System.Formats.Tar;
using System.IO.Compression;

namespace SpbeConnector.Gateway.Backup;

/// <summary>
/// Makes and restores backups of the gateway's state through its <see cref="IBackupTarget"/>s (Kota Bekasi Pasal 60
/// ayat (4) huruf g, Pasal 36). A backup is a folder, or the same folder as a <c>.tar.gz</c> file: <c>manifest.json</c>
/// and one folder per target. A restore checks every file against the manifest before it changes anything.
/// </summary>
public sealed class BackupRunner(IReadOnlyList<IBackupTarget> targets, TimeProvider clock)
{
    public static bool IsArchive(string path) =>
        path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Backs every target up into <paramref name="destination"/>; returns the manifest written.</summary>
    public async Task<BackupManifest> CreateAsync(string destination, string source, CancellationToken ct)
    {
        destination = Path.GetFullPath(destination);
        var archive = IsArchive(destination);
        if (archive && File.Exists(destination))
            throw new IOException($"{destination} already exists; choose a new file name, so that no earlier backup is overwritten.");
        if (!archive && Directory.Exists(destination) && Directory.EnumerateFileSystemEntries(destination).Any())
            throw new IOException($"{destination} is not empty; give a new or empty folder, so that no earlier backup is overwritten.");
        foreach (var target in targets.OfType<DataDirectoryBackupTarget>())
        {
            if ((destination + Path.DirectorySeparatorChar).StartsWith(target.DataDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new IOException($"{destination} is inside the data directory {target.DataDirectory}; write the backup elsewhere (ideally another disk or host).");
        }

        var root = archive ? destination + ".partial" : destination;
        var created = !Directory.Exists(root);
        Directory.CreateDirectory(root);
        var complete = false;
        try
        {
            foreach (var target in targets)
            {
                var folder = Path.Combine(root, target.Name);
                Directory.CreateDirectory(folder);
                await target.BackupAsync(folder, ct);
            }
            var manifest = await BackupManifest.DescribeAsync(root, source, targets.Select(t => t.Name).ToArray(), clock.GetUtcNow(), ct);
            await manifest.WriteAsync(root, ct);
            if (archive)
            {
                await using var file = new FileStream(destination, FileMode.CreateNew, FileAccess.Write);
                await using var gzip = new GZipStream(file, CompressionLevel.Optimal);
                await TarFile.CreateFromDirectoryAsync(root, gzip, includeBaseDirectory: false, ct);
            }
            complete = true;
            return manifest;
        }
        finally
        {
            // A half-written backup is removed if this run created its folder; one left behind has no manifest (it is
            // written last), so a restore refuses it anyway.
            if (archive || (!complete && created))
                Directory.Delete(root, recursive: true);
            if (archive && !complete && File.Exists(destination))
                File.Delete(destination);
        }
    }

    /// <summary>
    /// Restores <paramref name="backup"/>. Refuses a damaged backup, and a data directory that is not empty unless
    /// <paramref name="force"/>, in which case its old content is moved aside (returned), never deleted.
    /// </summary>
    public async Task<RestoreResult> RestoreAsync(string backup, string dataDirectory, bool force, CancellationToken ct)
    {
        backup = Path.GetFullPath(backup);
        dataDirectory = Path.GetFullPath(dataDirectory);
        string? extracted = null;
        try
        {
            var root = backup;
            if (File.Exists(backup) && IsArchive(backup))
            {
                extracted = dataDirectory + ".restore-" + Guid.NewGuid().ToString("N")[..8];
                Directory.CreateDirectory(extracted);
                await using var file = File.OpenRead(backup);
                await using var gzip = new GZipStream(file, CompressionMode.Decompress);
                await TarFile.ExtractToDirectoryAsync(gzip, extracted, overwriteFiles: false, ct);
                root = extracted;
            }
            else if (!Directory.Exists(backup))
            {
                throw new IOException($"{backup} is neither a backup folder nor a .tar.gz backup file.");
            }

            var manifest = await BackupManifest.ReadAsync(root, ct);
            var unknown = manifest.Targets.Where(name => targets.All(t => t.Name != name)).ToArray();
            if (unknown.Length > 0)
                throw new InvalidDataException($"The backup holds {string.Join(", ", unknown)}, which this gateway is not configured to restore (for example a PostgreSQL store); configure it, then restore again.");
            var problems = await manifest.CheckAsync(root, ct);
            if (problems.Count > 0)
                throw new InvalidDataException($"The backup does not match its manifest; nothing was restored:\n  {string.Join("\n  ", problems)}");

            string? movedAside = null;
            if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
            {
                if (!force)
                    throw new IOException($"{dataDirectory} is not empty; restore into a new or empty folder, or add --force to move its content aside first (stop the gateway before).");
                movedAside = dataDirectory + ".before-restore-" + clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'");
                Directory.Move(dataDirectory, movedAside);
            }
            Directory.CreateDirectory(dataDirectory);
            foreach (var name in manifest.Targets)
                await targets.First(t => t.Name == name).RestoreAsync(Path.Combine(root, name), ct);
            return new RestoreResult(manifest, movedAside);
        }
        finally
        {
            if (extracted is not null)
                Directory.Delete(extracted, recursive: true);
        }
    }
}
