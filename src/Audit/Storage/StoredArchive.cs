namespace SpbeConnector.Audit.Storage;

/// <summary>
/// An archive file written by retention: the records before <see cref="ArchivedBefore"/> now live in
/// <see cref="FileName"/> (whose SHA-256 is kept), and may be removed from the store. <see cref="CheckpointId"/> is the
/// signed checkpoint at the boundary, from whose frontier the rest of the log continues.
/// </summary>
public sealed record StoredArchive(long Id, long ArchivedFrom, long ArchivedBefore, string FileName, byte[] FileSha256, long CheckpointId, long TimeMs);
