namespace SpbeConnector.Audit;

/// <summary>Settings of the receipts on proxied responses (section <c>Audit:Receipts</c>).</summary>
public sealed class ReceiptOptions
{
    /// <summary>Every proxied response carries Content-Digest and a receipt signed by the gateway.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// <see cref="ReceiptMode.Batched"/> (default): one signature per tree head shared by every response waiting for it,
    /// and a receipt that proves the exchange is in the durable audit log. <see cref="ReceiptMode.PerResponse"/>: the
    /// RFC 9421 signature of each response, for clients that need exactly that. With the audit log off there is no
    /// tree to prove inclusion in, so receipts are per response whatever this says.
    /// </summary>
    public ReceiptMode Mode { get; set; } = ReceiptMode.Batched;

    /// <summary>
    /// Responses up to this size are held until complete so that their digest can be sent in the headers. Larger or
    /// streamed (text/event-stream) responses are passed on as they come: over HTTP/2 the digest and signature follow
    /// in trailers; over HTTP/1.1 the signature in the headers covers everything but the digest, which the completion
    /// record holds. Streamed responses are signed per response in either mode (their digest is known only at the end).
    /// </summary>
    public int MaxBufferedResponseBody { get; set; } = 1024 * 1024;
}
