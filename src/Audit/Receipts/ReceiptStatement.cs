using System.Security.Cryptography;
using System.Text;
using SpbeConnector.Audit.Records;
using SpbeConnector.Audit.Time;

namespace SpbeConnector.Audit.Receipts;

/// <summary>
/// The receipt record (type <c>exchange.receipt</c>): what a batched receipt proves is in the log, and what the client
/// receives whole, so it holds only what the client may see and check against its own request and response: the
/// request id, the exchange's audit record (its request record, or the one record of an exchange not forwarded), the
/// status, the Content-Digest, and a commitment to the method and target URI. The target is committed to with an HMAC
/// under a key only the client receives (in the receipt field), never written in clear: the log keeps sensitive values
/// of a target as their HMAC under the gateway's key (Pasal 59 ayat (9) huruf c), and a plain hash of a URI with a NIK
/// in it could be guessed back. Unlike other records it has no clock or node member: the client sees it.
/// </summary>
public static class ReceiptStatement
{
    public const string RequestId = "requestId";
    public const string AuditRecord = "auditRecord";
    public const string Status = "status";
    public const string ContentDigestMember = "contentDigest";
    public const string Request = "request";

    /// <summary>The record, not indexed by request id: the exchange's completion record points to it (<c>receiptRecord</c>).</summary>
    public static PendingAuditRecord Create(DateTimeOffset now, string requestId, long? auditRecord, int status, string contentDigest,
        byte[] requestCommitment, PendingReceipt receipt)
    {
        var buffer = AuditJsonBuffer.Rent();
        var json = buffer.Writer;
        json.WriteStartObject();
        json.WriteString("type", AuditRecordTypes.ExchangeReceipt);
        json.WriteString("time", AuditClock.FormatTime(now));
        json.WriteString(RequestId, requestId);
        if (auditRecord is { } record)
            json.WriteNumber(AuditRecord, record);
        json.WriteNumber(Status, status);
        json.WriteString(ContentDigestMember, contentDigest);
        json.WriteBase64String(Request, requestCommitment);
        json.WriteEndObject();
        return new PendingAuditRecord(buffer.ToArrayAndReturn(), AuditRecordTypes.ExchangeReceipt, now.ToUnixTimeMilliseconds()) { Receipt = receipt };
    }

    /// <summary>HMAC-SHA256 under <paramref name="requestKey"/> of the method, one space and the target URI (UTF-8).</summary>
    public static byte[] RequestCommitment(ReadOnlySpan<byte> requestKey, string method, string targetUri) =>
        HMACSHA256.HashData(requestKey, Encoding.UTF8.GetBytes(method.ToUpperInvariant() + " " + targetUri));
}
