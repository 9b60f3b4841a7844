using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Text;
using System.Text.Json;
using SpbeConnector.Audit.Logging;
using SpbeConnector.Audit.Records;
using SpbeConnector.Audit.Tree;

namespace SpbeConnector.Audit.Receipts;

/// <summary>
/// Verifies a batched receipt on a saved response (<c>audit verify-receipt</c>), offline: the receipt record must say
/// what the response shows (request id, status, Content-Digest of the body received, the audit record, and the method
/// and URI through its commitment); its inclusion path must lead from the record's leaf to a root; and the gateway's
/// receipt key must have signed that root (RFC 9942, COSE_Sign1 with a detached payload). A changed record, path, tree
/// size or leaf index leads to another root, which the signature does not cover.
/// </summary>
public static class BatchedReceiptVerifier
{
    private const int Es256 = -7;

    public static ReceiptVerifier.Result Verify(SavedResponse response, string method, string targetUri, ReceiptKeySet keys)
    {
        Dictionary<string, byte[]> members;
        CoseSign1Message message;
        long treeSize, leafIndex;
        List<byte[]> path;
        try
        {
            members = ReceiptFields.ParseBatched(response.Headers[ReceiptFields.BatchedReceiptHeader]);
            if (!members.TryGetValue("cose", out var cose) || !members.ContainsKey("entry") || !members.ContainsKey("request-key"))
                return Fail("the Spbe-Receipt field lacks one of cose, entry and request-key.");
            message = CoseMessage.DecodeSign1(cose);
            if (!message.UnprotectedHeaders.TryGetValue(new CoseHeaderLabel(CoseReceipt.VerifiableDataProofsLabel), out var proofs))
                return Fail("the COSE receipt carries no inclusion proof (header parameter 396).");
            (treeSize, leafIndex, path) = CoseReceipt.ReadInclusionProof(proofs.EncodedValue);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or CborContentException or InvalidOperationException)
        {
            return Fail($"the receipt is malformed: {ex.Message}");
        }

        var headers = message.ProtectedHeaders;
        if (!headers.TryGetValue(CoseHeaderLabel.Algorithm, out var alg) || alg.GetValueAsInt32() != Es256)
            return Fail("the receipt is not signed with ES256 (ECDSA P-256, SHA-256).");
        if (!headers.TryGetValue(new CoseHeaderLabel(CoseReceipt.VerifiableDataStructureLabel), out var vds) || vds.GetValueAsInt32() != CoseReceipt.Rfc9162Sha256)
            return Fail("the receipt is not for an RFC 9162 SHA-256 tree (header parameter 395).");
        var keyId = headers.TryGetValue(CoseHeaderLabel.KeyIdentifier, out var kid) ? Encoding.UTF8.GetString(kid.GetValueAsBytes()) : null;
        if (keyId is null || !keys.Keys.TryGetValue(keyId, out var spki))
            return Fail($"the signing key '{keyId}' is not one of the gateway's receipt keys.");

        var entry = members["entry"];
        if (StatementMismatch(entry, leafIndex, response, method, targetUri, members["request-key"]) is { } mismatch)
            return Fail(mismatch);
        if (MerkleProofVerifier.RootFromInclusion(leafIndex, treeSize, MerkleHash.Leaf(entry), path) is not { } root)
            return Fail($"the inclusion proof cannot be one of record {leafIndex} in a tree of {treeSize} records.");
        using var ecdsa = Keys.PublicKeys.ImportEcdsa(spki);
        if (ecdsa is null || !message.VerifyDetached(ecdsa, root))
            return Fail("the signature does not cover the tree head the proof leads to: the receipt record, the proof or the tree head was changed, or another key signed it.");

        var record = response.Headers.GetValueOrDefault(ReceiptFields.AuditRecordHeader);
        var when = IssuedAt(headers) is { } iat ? DateTimeOffset.FromUnixTimeSeconds(iat).ToString("yyyy-MM-dd HH:mm:ss'Z'") : "an unstated time";
        return new ReceiptVerifier.Result(true,
            $"receipt record {leafIndex} is in the gateway's audit log of {treeSize} records, whose head its receipt key {keyId} signed at {when}: " +
            $"{method} {targetUri} answered {response.Status}, body of {response.Body.Length} bytes with the recorded digest" +
            (record is null ? "" : $", audit record {record}") + ".");
    }

    /// <summary>What in the receipt record differs from the response and request the client has, or null.</summary>
    private static string? StatementMismatch(byte[] entry, long leafIndex, SavedResponse response, string method, string targetUri, byte[] requestKey)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(entry);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return "the receipt record is not JSON.";
        }
        if (AuditRecordBytes.ReadSeq(entry) != leafIndex)
            return "the receipt record's sequence number is not the leaf the proof is for.";
        if (AuditRecordBytes.ReadType(entry) != AuditRecordTypes.ExchangeReceipt)
            return "the entry is not a receipt record.";
        if (Text(root, ReceiptStatement.RequestId) != response.Headers.GetValueOrDefault(ReceiptFields.RequestIdHeader))
            return "the receipt record is for another request id than the response's X-Request-Id.";
        if (!root.TryGetProperty(ReceiptStatement.Status, out var status) || !status.TryGetInt32(out var code) || code != response.Status)
            return $"the receipt record's status is not the response's ({response.Status}).";
        var digest = Text(root, ReceiptStatement.ContentDigestMember);
        if (digest != response.Headers.GetValueOrDefault(ContentDigest.HeaderName))
            return "the receipt record's Content-Digest is not the response's.";
        if (ContentDigest.ParseSha256(digest) is not { } claimed || !claimed.AsSpan().SequenceEqual(SHA256.HashData(response.Body)))
            return "the receipt is valid for another body: Content-Digest does not match the body received.";
        var commitment = Text(root, ReceiptStatement.Request) is { } c ? Convert.FromBase64String(c) : [];
        if (!CryptographicOperations.FixedTimeEquals(commitment, ReceiptStatement.RequestCommitment(requestKey, method, targetUri)))
            return "the receipt record is for another method or target URI.";
        var record = response.Headers.GetValueOrDefault(ReceiptFields.AuditRecordHeader);
        var recorded = root.TryGetProperty(ReceiptStatement.AuditRecord, out var r) ? r.GetRawText() : null;
        if (record != recorded)
            return "the receipt record names another audit record than Spbe-Audit-Record.";
        return null;
    }

    private static long? IssuedAt(CoseHeaderMap headers)
    {
        if (!headers.TryGetValue(new CoseHeaderLabel(CoseReceipt.CwtClaimsLabel), out var claims))
            return null;
        var reader = new CborReader(claims.EncodedValue);
        var count = reader.ReadStartMap();
        for (var i = 0; i < count; i++)
        {
            if (reader.PeekState() == CborReaderState.UnsignedInteger && reader.ReadInt32() == 6)
                return reader.ReadInt64();
            reader.SkipValue();
        }
        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ReceiptVerifier.Result Fail(string description) => new(false, description);
}
