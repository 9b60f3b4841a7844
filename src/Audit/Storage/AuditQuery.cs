namespace SpbeConnector.Audit.Storage;

/// <summary>
/// What the security team asks of the log: a time range and optional filters; results in sequence order (or newest
/// first, for the portal's investigations: resumed before a sequence number), resumable after a sequence number. <see cref="Contains"/> matches records whose bytes contain it (a value's HMAC pseudonym). <see cref="Opd"/> matches the caller's OPD or the API owner's.
/// </summary>
public sealed record AuditQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? ClientId = null,
    string? Opd = null,
    string? Api = null,
    int? Status = null,
    string? RequestId = null,
    string? Type = null,
    bool? Refused = null,
    string? RefusedBy = null,
    long? AfterSeq = null,
    int Limit = 100,
    byte[]? Contains = null,
    long? BeforeSeq = null,
    bool NewestFirst = false);
