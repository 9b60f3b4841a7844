namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// One control-plane event for the audit log: who (<paramref name="Actor"/>) did what (<paramref name="Action"/>) to
/// what (<paramref name="Target"/>), with which outcome. <paramref name="Type"/> groups events (<c>admin</c>,
/// <c>token</c>, <c>audit.read</c>). <paramref name="Details"/> holds short machine-readable facts; never secrets,
/// request bodies or exempt information (Pasal 59 ayat (9) huruf c).
/// </summary>
public sealed record AuditEvent(
    string Type,
    string Action,
    string Outcome,
    string? Actor = null,
    string? Target = null,
    int? Status = null,
    string? RequestId = null,
    string? SourceIp = null,
    string? ClientId = null,
    IReadOnlyDictionary<string, string?>? Details = null);
