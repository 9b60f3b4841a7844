namespace SpbeConnector.Audit.Storage;

/// <summary>
/// A signed checkpoint as stored: the signed note (authoritative), the tree size, root and time it states (copied for
/// queries), the key that signed it, and the frontier of the tree at that size so that a restart or an archive can
/// continue from it without reading every earlier leaf.
/// </summary>
public sealed record StoredCheckpoint(long Id, long TreeSize, byte[] RootHash, long TimeMs, string KeyId, string Note, byte[] Frontier);
