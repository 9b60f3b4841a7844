namespace SpbeConnector.Policies.Exchange;

/// <summary>
/// What the data-plane policies learn about one exchange, shared between them through the request's features:
/// the caller once authenticated, the request body once buffered, the files it carries, every decision taken, the
/// API operation once matched, and which request values must never be stored in clear. One instance per proxied request.
/// </summary>
public sealed class GatewayExchangeFeature
{
    private List<PolicyDecision>? _decisions;
    private List<ExchangedFile>? _files;
    private List<string>? _sensitiveValues;

    public GatewayCaller? Caller { get; set; }

    /// <summary>The request body as read once and forwarded, when a policy buffered it (null for requests without a body).</summary>
    public BufferedRequestBody? RequestBody { get; set; }

    /// <summary>The files the request carries (multipart file parts or a binary body), with their hashes once checked.</summary>
    public IReadOnlyList<ExchangedFile> Files => (IReadOnlyList<ExchangedFile>?)_files ?? [];

    public void AddFile(ExchangedFile file) => (_files ??= new List<ExchangedFile>(1)).Add(file);

    /// <summary>The client's RFC 9421 signature on the request, once verified (proof of origin, kept in the audit record).</summary>
    public VerifiedRequestSignature? RequestSignature { get; set; }

    public IReadOnlyList<PolicyDecision> Decisions => (IReadOnlyList<PolicyDecision>?)_decisions ?? [];

    /// <summary>The operation of the API's OpenAPI document the request matched (set by the validation policy), if any.</summary>
    public string? OperationId { get; set; }

    /// <summary>
    /// Values of the request's path segments or query parameters that the API marks sensitive: the audit log stores
    /// their HMAC instead (Pasal 59 ayat (9) huruf c: no exempt information in logs).
    /// </summary>
    public IReadOnlyList<string> SensitiveValues => (IReadOnlyList<string>?)_sensitiveValues ?? [];

    public void Record(string policy, bool allowed, string reason) =>
        (_decisions ??= new List<PolicyDecision>(4)).Add(new PolicyDecision(policy, allowed, reason));

    public void MarkSensitive(string value)
    {
        if (!string.IsNullOrEmpty(value))
            (_sensitiveValues ??= new List<string>(2)).Add(value);
    }
}
