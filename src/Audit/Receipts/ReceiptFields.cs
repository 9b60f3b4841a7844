namespace SpbeConnector.Audit.Receipts;

/// <summary>Names used by the gateway's receipts.</summary>
public static class ReceiptFields
{
    /// <summary>The signature's label in <c>Signature-Input</c> and <c>Signature</c>.</summary>
    public const string Label = "receipt";

    /// <summary>The <c>tag</c> parameter: what the signature is for (RFC 9421 section 2.3).</summary>
    public const string Tag = "spbe-receipt";

    public const string Algorithm = "ecdsa-p256-sha256";

    /// <summary>The response header naming the exchange's record in the audit log (its sequence number).</summary>
    public const string AuditRecordHeader = "Spbe-Audit-Record";

    public const string RequestIdHeader = "X-Request-Id";
    public const string SignatureInputHeader = "Signature-Input";
    public const string SignatureHeader = "Signature";
}
