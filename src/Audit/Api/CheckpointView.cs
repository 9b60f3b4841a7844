using SpbeConnector.Audit.Storage;

namespace SpbeConnector.Audit.Api;

/// <summary>A signed checkpoint: the signed note (C2SP format) and the values it signs.</summary>
public sealed record CheckpointView(long Id, long TreeSize, string RootHash, DateTimeOffset Time, string KeyId, string Note)
{
    public static CheckpointView From(StoredCheckpoint c) =>
        new(c.Id, c.TreeSize, Convert.ToBase64String(c.RootHash), DateTimeOffset.FromUnixTimeMilliseconds(c.TimeMs), c.KeyId, c.Note);
}
