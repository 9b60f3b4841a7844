namespace SpbeConnector.Audit.Verification;

/// <summary>The outcome of verifying a log: what was checked, and every problem found, the first one first.</summary>
public sealed record VerificationReport(
    string Source,
    long Records,
    long FirstSeq,
    int Checkpoints,
    long SignedSize,
    IReadOnlyList<string> KeyIds,
    int Timestamps,
    IReadOnlyList<VerificationFinding> Findings,
    IReadOnlyList<string> Notes)
{
    public bool Ok => Findings.Count == 0;

    /// <summary>An export holds a selection of records, each proven against one checkpoint, not a contiguous log.</summary>
    public bool IsExport { get; init; }

    /// <summary>Records written after the last checkpoint: not yet covered by any signature.</summary>
    public long Unsigned => IsExport ? 0 : Math.Max(0, FirstSeq + Records - SignedSize);
}
