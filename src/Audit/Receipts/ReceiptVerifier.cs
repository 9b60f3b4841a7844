using System.Security.Cryptography;
using System.Text;

namespace SpbeConnector.Audit.Receipts;

/// <summary>
/// Verifies a receipt on a saved response (<c>audit verify-receipt</c>): rebuilds the RFC 9421 signature base from the
/// response and the request's method and URI, checks the gateway's signature with the published key, and checks that
/// <c>Content-Digest</c> is the digest of the body received.
/// </summary>
public static class ReceiptVerifier
{
    public sealed record Result(bool Ok, string Description);

    public static Result Verify(SavedResponse response, string method, string targetUri, ReceiptKeySet keys)
    {
        if (!response.Headers.TryGetValue(ReceiptFields.SignatureInputHeader, out var inputField) ||
            !response.Headers.TryGetValue(ReceiptFields.SignatureHeader, out var signatureField))
            return new Result(false, "the response carries no Signature-Input and Signature fields.");
        SignatureInput input;
        byte[] signature;
        try
        {
            var inputs = SignatureInput.ParseAll(inputField);
            input = inputs.FirstOrDefault(i => i.Label == ReceiptFields.Label) ?? inputs.First();
            if (!SignatureInput.ParseSignatures(signatureField).TryGetValue(input.Label, out signature!))
                return new Result(false, $"there is no signature labelled '{input.Label}'.");
        }
        catch (FormatException ex)
        {
            return new Result(false, $"the signature fields are malformed: {ex.Message}");
        }
        if (input.Algorithm is { } alg && alg != ReceiptFields.Algorithm)
            return new Result(false, $"the signature algorithm '{alg}' is not {ReceiptFields.Algorithm}.");
        if (input.KeyId is not { } keyId || !keys.Keys.TryGetValue(keyId, out var spki))
            return new Result(false, $"the signing key '{input.KeyId}' is not one of the gateway's receipt keys.");

        var signatureBase = new SignatureBase();
        foreach (var component in input.Components)
        {
            var value = ComponentValue(component, response, method, targetUri);
            if (value is null)
                return new Result(false, $"the covered component {component.Identifier} is missing from the response.");
            signatureBase.Add(component.Identifier, value);
        }
        var data = Encoding.UTF8.GetBytes(signatureBase.Build(input.SerializedValue));
        using var ecdsa = Keys.PublicKeys.ImportEcdsa(spki);
        if (ecdsa is null || !ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            return new Result(false, "the signature does not verify: the response or its request line was changed, or another key signed it.");

        var covered = input.Components.Select(c => c.Name).ToHashSet();
        if (covered.Contains("content-digest"))
        {
            var claimed = ContentDigest.ParseSha256(response.Headers.GetValueOrDefault(ContentDigest.HeaderName));
            if (claimed is null || !claimed.AsSpan().SequenceEqual(SHA256.HashData(response.Body)))
                return new Result(false, "the signature is valid but the body is not the one it was given for (Content-Digest does not match).");
        }
        var record = response.Headers.GetValueOrDefault(ReceiptFields.AuditRecordHeader);
        var when = input.Created is { } created ? DateTimeOffset.FromUnixTimeSeconds(created).ToString("yyyy-MM-dd HH:mm:ss'Z'") : "an unstated time";
        return new Result(true,
            $"signed by the gateway's receipt key {keyId} at {when}: {method} {targetUri} answered {response.Status}" +
            (covered.Contains("content-digest") ? $", body of {response.Body.Length} bytes with the signed digest" : ", body not covered (streamed)") +
            (record is null ? "" : $", audit record {record}") + ".");
    }

    private static string? ComponentValue(SignatureInput.Component component, SavedResponse response, string method, string targetUri)
    {
        var fromRequest = component.Flags.Contains("req");
        return component.Name switch
        {
            "@status" when !fromRequest => response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "@method" when fromRequest => method.ToUpperInvariant(),
            "@target-uri" when fromRequest => targetUri,
            _ when component.Name.StartsWith('@') => null,
            _ when fromRequest => null,
            _ => response.Headers.GetValueOrDefault(component.Name),
        };
    }
}
