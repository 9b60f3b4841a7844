namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// The gateway's tamper-evident audit log, as the control plane sees it: admin actions, token issuance and other
/// security-relevant events are appended here (Pasal 59 ayat (9) huruf d and e). Implemented by the audit policy;
/// the registry appends without knowing how the log is kept.
/// </summary>
public interface IAuditTrail
{
    /// <summary>
    /// Appends one event. In strict mode the returned task completes once the record is durable; otherwise at once.
    /// Returns the record's sequence number in the log, or null when auditing is switched off.
    /// </summary>
    ValueTask<long?> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);
}
