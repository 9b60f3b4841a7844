namespace SpbeConnector.Audit;

/// <summary>How a response's receipt is signed (<c>Audit:Receipts:Mode</c>).</summary>
public enum ReceiptMode
{
    /// <summary>
    /// An RFC 9942 COSE receipt: the inclusion proof (RFC 9162) of the exchange's receipt record in the audit log,
    /// against a tree head the gateway signed once for every response that was waiting. The default.
    /// </summary>
    Batched,

    /// <summary>An RFC 9421 HTTP message signature of its own on every response (one ECDSA signature each).</summary>
    PerResponse,
}
