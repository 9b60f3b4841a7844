namespace SpbeConnector.Gateway.Backup;

/// <summary>One file of a backup: its path inside the backup (with <c>/</c>), its size and its SHA-256 (lower-case hex).</summary>
public sealed record BackupManifestFile(string Path, long Size, string Sha256);
