using SpbeConnector.Audit.Storage;

namespace SpbeConnector.Portal.SecurityView;

/// <summary>
/// One record as the security view shows it: its bytes hash to the stored leaf, the leaf is included in the tree a
/// signed checkpoint commits to, and that checkpoint's signature verifies with a key of the log.
/// </summary>
public sealed record RecordVerification(AuditRecordRow Row, StoredCheckpoint? Checkpoint, bool LeafMatches, bool Included, bool SignatureValid, string? Problem)
{
    public bool Verified => LeafMatches && Included && SignatureValid;
}
