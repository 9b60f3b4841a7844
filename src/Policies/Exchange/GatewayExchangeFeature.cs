namespace SpbeConnector.Policies.Exchange;

/// <summary>
/// What the data-plane policies learn about one exchange, shared between them through the request's features:
/// the caller once authenticated, the request body once buffered, the files it carries, and every decision
/// taken. One instance per proxied request.
/// </summary>
public sealed class GatewayExchangeFeature
{
    private List<PolicyDecision>? _decisions;
    private List<ExchangedFile>? _files;

    public GatewayCaller? Caller { get; set; }

    /// <summary>The request body as read once and forwarded, when a policy buffered it (null for requests without a body).</summary>
    public BufferedRequestBody? RequestBody { get; set; }

    /// <summary>The files the request carries (multipart file parts or a binary body), with their hashes once checked.</summary>
    public IReadOnlyList<ExchangedFile> Files => (IReadOnlyList<ExchangedFile>?)_files ?? [];

    public void AddFile(ExchangedFile file) => (_files ??= new List<ExchangedFile>(1)).Add(file);

    public IReadOnlyList<PolicyDecision> Decisions => (IReadOnlyList<PolicyDecision>?)_decisions ?? [];

    public void Record(string policy, bool allowed, string reason) =>
        (_decisions ??= new List<PolicyDecision>(4)).Add(new PolicyDecision(policy, allowed, reason));
}
