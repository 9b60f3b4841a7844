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

    /// <summary>
    /// The batched receipt (RFC 8941 dictionary): <c>cose</c>, the RFC 9942 COSE receipt; <c>entry</c>, the receipt
    /// record it proves (the leaf data); <c>request-key</c>, the key of the record's commitment to method and target URI.
    /// </summary>
    public const string BatchedReceiptHeader = "Spbe-Receipt";

    public const string RequestIdHeader = "X-Request-Id";
    public const string SignatureInputHeader = "Signature-Input";
    public const string SignatureHeader = "Signature";

    /// <summary>The <see cref="BatchedReceiptHeader"/> value.</summary>
    public static string FormatBatched(InclusionReceipt receipt, ReadOnlySpan<byte> requestKey) =>
        $"cose=:{Convert.ToBase64String(receipt.Cose)}:, entry=:{Convert.ToBase64String(receipt.Entry)}:, request-key=:{Convert.ToBase64String(requestKey)}:";

    /// <summary>Reads the byte sequences of a <see cref="BatchedReceiptHeader"/> value by name.</summary>
    public static Dictionary<string, byte[]> ParseBatched(string value)
    {
        var members = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var member in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = member.IndexOf('=');
            if (equals <= 0 || member.Length < equals + 3 || member[equals + 1] != ':' || member[^1] != ':')
                throw new FormatException($"'{member[..Math.Min(member.Length, 20)]}' is not a name=:base64: member.");
            members[member[..equals]] = Convert.FromBase64String(member[(equals + 2)..^1]);
        }
        return members;
    }
}
