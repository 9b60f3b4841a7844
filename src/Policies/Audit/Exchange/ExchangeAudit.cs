using SpbeConnector.Audit.Buffers;
using SpbeConnector.Audit;

namespace SpbeConnector.Policies.Audit.Exchange;

/// <summary>
/// The audit state of one proxied exchange, shared between the audit middleware at the start of the data plane and
/// the durability gate just before forwarding (a request feature).
/// </summary>
public sealed class ExchangeAudit(DateTimeOffset startTime, long startTimestamp)
{
    public DateTimeOffset StartTime { get; } = startTime;
    public long StartTimestamp { get; } = startTimestamp;

    /// <summary>Set by the gate: the request record, durable (strict mode) before the request went upstream.</summary>
    public long? RequestRecord { get; set; }

    /// <summary>How many policy decisions the request record holds; later ones go into the completion record.</summary>
    public int DecisionsRecorded { get; set; }

    public long ForwardTimestamp { get; set; }

    /// <summary>Digest of a request body read whole before forwarding.</summary>
    public BodyDigest? RequestBody { get; set; }

    /// <summary>A request body hashed while it streamed upstream (too large to hold).</summary>
    internal HashingReadStream? StreamedRequestBody { get; set; }

    public IReadOnlyList<FileDigest>? Files { get; set; }

    public string? Upstream { get; set; }

    /// <summary>The request path and query with sensitive values replaced by their HMAC, computed once.</summary>
    public string? RedactedTarget { get; set; }

    /// <summary>Why the exchange failed inside the gateway, if it did (e.g. the audit log was unavailable).</summary>
    public string? GatewayFailure { get; set; }

    /// <summary>Where the receipt went (see <see cref="Exchange.ReceiptDelivery"/>).</summary>
    public string ReceiptDelivery { get; set; } = Exchange.ReceiptDelivery.None;

    /// <summary>The receipt record a batched receipt proves, pointed to by the completion record.</summary>
    public long? ReceiptRecord { get; set; }

    internal PooledByteBuffer? HeldRequestBody { get; set; }
}
