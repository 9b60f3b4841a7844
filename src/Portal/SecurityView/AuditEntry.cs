namespace SpbeConnector.Portal.SecurityView;

/// <summary>
/// One line of the audit list as an investigator reads it: one exchange (its request and response records together),
/// or one event of the portal, the admin API, the token endpoint or the log itself. <see cref="Seq"/> is the record the
/// line opens (the response, or the only record); <see cref="RequestSeq"/> the request record of a forwarded exchange.
/// </summary>
public sealed record AuditEntry(
    long Seq,
    long? RequestSeq,
    DateTimeOffset Time,
    string Type,
    string? Caller,
    string? CallerOpd,
    string? Api,
    string? Operation,
    int? Status,
    string? Outcome,
    string? RefusedBy,
    string? RequestId)
{
    /// <summary>A forwarded exchange whose response record is not (yet) in the log: in flight, or the node stopped.</summary>
    public bool AwaitingResponse => Type == Audit.Records.AuditRecordTypes.ExchangeRequest;
}
