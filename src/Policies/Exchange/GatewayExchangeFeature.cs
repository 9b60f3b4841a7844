namespace SpbeConnector.Policies.Exchange;

/// <summary>
/// What the data-plane policies learn about one exchange, shared between them through the request's features:
/// the caller once authenticated, and every decision taken. One instance per proxied request.
/// </summary>
public sealed class GatewayExchangeFeature
{
    private List<PolicyDecision>? _decisions;

    public GatewayCaller? Caller { get; set; }

    public IReadOnlyList<PolicyDecision> Decisions => (IReadOnlyList<PolicyDecision>?)_decisions ?? [];

    public void Record(string policy, bool allowed, string reason) =>
        (_decisions ??= new List<PolicyDecision>(4)).Add(new PolicyDecision(policy, allowed, reason));
}
