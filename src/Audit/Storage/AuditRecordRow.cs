namespace SpbeConnector.Audit.Storage;

/// <summary>
/// One leaf of the audit log as stored: its canonical bytes (<see cref="Record"/>, the JSON whose leaf hash enters the
/// tree), the hash computed when it was appended, and columns copied from it so that the security team's queries need
/// not parse every record. Only <see cref="Record"/> is authoritative; the columns are an index.
/// </summary>
public sealed record AuditRecordRow(
    long Seq,
    long TimeMs,
    string Type,
    string? RequestId,
    string? ClientId,
    string? ClientOpd,
    string? Api,
    string? ApiOpd,
    int? Status,
    string? RefusedBy,
    byte[] Record,
    byte[] LeafHash);
