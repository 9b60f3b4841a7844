namespace SpbeConnector.Audit.Api;

/// <summary>An RFC 6962 audit path of a record against a checkpoint (hashes in base64, leaf to root).</summary>
public sealed record InclusionProofView(long Seq, long TreeSize, string LeafHash, IReadOnlyList<string> Proof, CheckpointView Checkpoint);

/// <summary>An RFC 6962 consistency proof between two tree sizes (hashes in base64).</summary>
public sealed record ConsistencyProofView(long FirstSize, long SecondSize, IReadOnlyList<string> Proof);

/// <summary>A page of records and where the next page starts (<c>after</c>), if there is more.</summary>
public sealed record RecordPage(IReadOnlyList<RecordView> Records, long? Next);
