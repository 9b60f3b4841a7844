namespace SpbeConnector.Audit.Verification;

/// <summary>One thing wrong with a log, naming the record or checkpoint concerned.</summary>
public sealed record VerificationFinding(FindingKind Kind, long? Seq, string Message)
{
    public override string ToString() => Message;
}
