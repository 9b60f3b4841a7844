using System.Security.Cryptography;
using System.Text.Json;

namespace SpbeConnector.Gateway.Backup;

/// <summary>
/// <c>manifest.json</c> at the root of a backup: what made it, when, its targets, and every file with its size and
/// SHA-256, so that a restore proves the backup whole before it touches anything.
/// </summary>
public sealed record BackupManifest(string Format, DateTimeOffset CreatedAt, string Source, IReadOnlyList<string> Targets, IReadOnlyList<BackupManifestFile> Files)
{
    public const string FileName = "manifest.json";
    public const string CurrentFormat = "spbe-connector-backup/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Hashes every file under <paramref name="root"/> (the manifest itself excepted).</summary>
    public static async Task<BackupManifest> DescribeAsync(string root, string source, IReadOnlyList<string> targets, DateTimeOffset createdAt, CancellationToken ct)
    {
        var files = new List<BackupManifestFile>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative == FileName)
                continue;
            files.Add(new BackupManifestFile(relative, new FileInfo(file).Length, await HashAsync(file, ct)));
        }
        return new BackupManifest(CurrentFormat, createdAt, source, targets, files);
    }

    public static async Task<BackupManifest> ReadAsync(string root, CancellationToken ct)
    {
        var path = Path.Combine(root, FileName);
        if (!File.Exists(path))
            throw new InvalidDataException($"{root} is not a backup of SPBE Connector: it has no {FileName}.");
        await using var stream = File.OpenRead(path);
        var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, ct)
            ?? throw new InvalidDataException($"{path} is empty.");
        if (manifest.Format != CurrentFormat)
            throw new InvalidDataException($"{path} is of format '{manifest.Format}'; this version restores '{CurrentFormat}' only.");
        return manifest;
    }

    public async Task WriteAsync(string root, CancellationToken ct)
    {
        await using var stream = new FileStream(Path.Combine(root, FileName), FileMode.CreateNew, FileAccess.Write);
        await JsonSerializer.SerializeAsync(stream, this, Json, ct);
    }

    /// <summary>What does not match: files missing, altered, unsafe paths, or files the manifest does not name.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(string root, CancellationToken ct)
    {
        var problems = new List<string>();
        var fullRoot = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        foreach (var file in Files)
        {
            var path = Path.GetFullPath(Path.Combine(root, file.Path));
            if (!path.StartsWith(fullRoot, StringComparison.Ordinal) || !Targets.Any(t => file.Path.StartsWith(t + "/", StringComparison.Ordinal)))
                problems.Add($"{file.Path}: a path outside the backup's targets");
            else if (!File.Exists(path))
                problems.Add($"{file.Path}: missing");
            else if (new FileInfo(path).Length != file.Size || await HashAsync(path, ct) != file.Sha256)
                problems.Add($"{file.Path}: its content differs from the manifest (altered or damaged)");
        }
        var named = Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative != FileName && !named.Contains(relative))
                problems.Add($"{relative}: not named in the manifest");
        }
        return problems;
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
