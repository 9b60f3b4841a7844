namespace SpbeConnector.Audit;

/// <summary>Settings of the receipts on proxied responses (section <c>Audit:Receipts</c>).</summary>
public sealed class ReceiptOptions
{
    /// <summary>Every proxied response carries Content-Digest and an RFC 9421 signature by the gateway.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Responses up to this size are held until complete so that their digest can be sent in the headers. Larger or
    /// streamed (text/event-stream) responses are passed on as they come: over HTTP/2 the digest and signature follow
    /// in trailers; over HTTP/1.1 the signature in the headers covers everything but the digest, which the completion
    /// record holds.
    /// </summary>
    public int MaxBufferedResponseBody { get; set; } = 1024 * 1024;
}
