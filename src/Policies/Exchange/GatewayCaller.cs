namespace SpbeConnector.Policies.Exchange;

/// <summary>
/// Who is calling, as established by the authentication policy: the client application, its OPD, the access
/// token's identifier and the client certificate, if any. Read by authorization, rate limiting and audit.
/// </summary>
public sealed record GatewayCaller(
    string ClientId,
    string? OpdCode,
    string? TokenId,
    string? CertificateThumbprint,
    IReadOnlySet<string> Scopes);
