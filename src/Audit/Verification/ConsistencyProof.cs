namespace SpbeConnector.Audit.Verification;

/// <summary>An RFC 6962 consistency proof between two tree sizes, as an archive carries it for its checkpoints.</summary>
public sealed record ConsistencyProof(long FirstSize, long SecondSize, IReadOnlyList<byte[]> Proof);
