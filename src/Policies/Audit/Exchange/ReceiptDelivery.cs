using SpbeConnector.Audit;
namespace SpbeConnector.Policies.Audit.Exchange;

/// <summary>Where the exchange's receipt went, as its completion record says.</summary>
public static class ReceiptDelivery
{
    public const string None = "none";
    public const string Headers = "headers";

    /// <summary>A batched receipt (RFC 9942) in the headers, proving the receipt record the completion record points to.</summary>
    public const string Batched = "batched";

    /// <summary>Strict mode: the receipt record could not be made durable, so the answer was replaced by 503.</summary>
    public const string Refused = "refused-unrecorded";
    public const string Trailers = "trailers";

    /// <summary>A streamed response over HTTP/1.1: signed in the headers, without the digest (which the record holds).</summary>
    public const string HeadersWithoutDigest = "headers-without-digest";
}
