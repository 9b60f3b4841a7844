namespace SpbeConnector.Policies.Exchange;

/// <summary>
/// What the data-plane policies learn about one exchange, shared between them through the request's features:
/// the caller once authenticated, the request body once buffered, and every decision taken. One instance per
/// proxied request.
/// </summary>
public sealed class GatewayExchangeFeature
{
    private List<PolicyDecision>? _decisions;

    public GatewayCaller? Caller { get; set; }

    /// <summary>The request body as read once and forwarded, when a policy buffered it (null for requests without a body).</summary>
    public BufferedRequestBody? RequestBody { get; set; }

    public IReadOnlyList<PolicyDecision> Decisions => (IReadOnlyList<PolicyDecision>?)_decisions ?? [];

    public void Record(string policy, bool allowed, string reason) =>
        (_decisions ??= new List<PolicyDecision>(4)).Add(new PolicyDecision(policy, allowed, reason));
}
