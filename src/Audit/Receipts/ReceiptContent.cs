namespace SpbeConnector.Audit.Receipts;

/// <summary>
/// What a receipt covers: the request's method and target URI, the response status, the content digest (in the
/// headers, in the trailers, or absent when a streamed HTTP/1.1 response could not carry it), the request id and the
/// exchange's audit record.
/// </summary>
public readonly record struct ReceiptContent(
    string Method,
    string TargetUri,
    int Status,
    string? ContentDigest,
    bool DigestInTrailers,
    string RequestId,
    long? AuditRecord,
    long Created);
