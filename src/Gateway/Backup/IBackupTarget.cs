namespace SpbeConnector.Gateway.Backup;

/// <summary>
/// One kind of state a backup holds (Kota Bekasi Pasal 60 ayat (4) huruf g and Pasal 36: recovery and restore). The
/// data directory (SQLite stores, keys, certificate, audit log) is one; an external store such as PostgreSQL adds its
/// own target that dumps into and restores from its part of the backup.
/// </summary>
public interface IBackupTarget
{
    /// <summary>The target's folder inside the backup, for example <c>data</c>.</summary>
    string Name { get; }

    /// <summary>Writes a consistent copy of the target's state into <paramref name="destination"/> (an empty folder) while the gateway may run.</summary>
    Task BackupAsync(string destination, CancellationToken ct);

    /// <summary>Restores the state from <paramref name="source"/> (already verified against the manifest).</summary>
    Task RestoreAsync(string source, CancellationToken ct);
}
