namespace SpbeConnector.Gateway.Backup;

/// <summary>What a restore did: the backup's manifest, and where the data directory's earlier content went (with --force).</summary>
public sealed record RestoreResult(BackupManifest Manifest, string? MovedAside);
