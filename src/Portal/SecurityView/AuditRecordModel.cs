namespace SpbeConnector.Portal.SecurityView;

/// <summary>
/// One record as its page shows it: its verification, its fields read for a person (times in the region's zone),
/// the other record of the same call when there is one, and the record itself as stored. A response record names
/// only its status and digests; <see cref="Request"/> (its request record's fields) says whose call it was and what.
/// </summary>
public sealed record AuditRecordModel(RecordVerification Verification, AuditRecordFields Fields, string Json, long? RequestSeq, long? ResponseSeq, AuditRecordFields? Request);
