namespace SpbeConnector.Audit;

/// <summary>How the audit log holds the exchanges (setting <c>Audit:Mode</c>).</summary>
public enum AuditMode
{
    /// <summary>No audit log (and no record id in receipts). For measurement and closed test set-ups only.</summary>
    Off,

    /// <summary>Records are appended off the request path; a crash can lose the last few that were not yet written.</summary>
    Async,

    /// <summary>
    /// The default: a request is forwarded only once its request record is durable (many requests share one flush),
    /// so no upstream ever acts on a request the log does not hold.
    /// </summary>
    Strict,
}
