namespace SpbeConnector.Audit.Storage;

/// <summary>An RFC 3161 time-stamp token obtained from a time-stamping authority for one checkpoint's signed note.</summary>
public sealed record StoredTimestamp(long CheckpointId, byte[] Token, long TimeMs, string Authority);
