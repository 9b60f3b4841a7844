using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using SpbeConnector.Audit.Keys;
using SpbeConnector.Audit.Receipts;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.RequestSignatures;

/// <summary>
/// Verifies an RFC 9421 signature on a request with the client's registered key (from an
/// <see cref="IClientSigningKeyResolver"/>). The signature must cover <c>@method</c>, <c>@target-uri</c> and, when the
/// request has a body, <c>content-digest</c> (whose match with the body the durability gate checks), carry
/// <c>created</c> within the allowed age, and use <c>ecdsa-p256-sha256</c> or <c>rsa-pss-sha512</c>.
/// </summary>
public sealed class RequestSignatureVerifier(IClientSigningKeyResolver keys)
{
    public sealed record Outcome(VerifiedRequestSignature? Verified, string? Refusal);

    public async ValueTask<Outcome> VerifyAsync(HttpContext context, TimeSpan maxAge, DateTimeOffset now)
    {
        var request = context.Request;
        var inputField = request.Headers[ReceiptFields.SignatureInputHeader].ToString();
        var signatureField = request.Headers[ReceiptFields.SignatureHeader].ToString();
        if (inputField.Length == 0 || signatureField.Length == 0)
            return new Outcome(null, "signature_missing");
        SignatureInput input;
        byte[] signature;
        try
        {
            input = SignatureInput.ParseAll(inputField)[0];
            if (!SignatureInput.ParseSignatures(signatureField).TryGetValue(input.Label, out signature!))
                return new Outcome(null, "signature_missing");
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return new Outcome(null, "signature_malformed");
        }

        var covered = input.Components.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (!covered.Contains("@method") || !covered.Contains("@target-uri") || (hasBody && !covered.Contains("content-digest")))
            return new Outcome(null, "signature_coverage_insufficient");
        if (input.Created is not { } created || Math.Abs(now.ToUnixTimeSeconds() - created) > maxAge.TotalSeconds)
            return new Outcome(null, "signature_expired");
        if (input.KeyId is not { } keyId || await keys.ResolveAsync(keyId, context.RequestAborted) is not { } key)
            return new Outcome(null, "signature_key_unknown");

        var signatureBase = new SignatureBase();
        foreach (var component in input.Components)
        {
            var value = component.Name switch
            {
                "@method" => request.Method,
                "@target-uri" => request.GetEncodedUrl(),
                "@authority" => request.Host.Value?.ToLowerInvariant(),
                "@path" => request.PathBase.Add(request.Path).ToUriComponent(),
                "@query" => request.QueryString.HasValue ? request.QueryString.Value : "?",
                _ when component.Name.StartsWith('@') || component.Flags.Count > 0 => null,
                _ => request.Headers.TryGetValue(component.Name, out var v) ? v.ToString() : null,
            };
            if (value is null)
                return new Outcome(null, "signature_component_missing");
            signatureBase.Add(component.Identifier, value);
        }
        var data = Encoding.UTF8.GetBytes(signatureBase.Build(input.SerializedValue));
        if (!Verify(input.Algorithm, key.SubjectPublicKeyInfo, data, signature))
            return new Outcome(null, "signature_invalid");
        return new Outcome(new VerifiedRequestSignature(keyId, key.ClientId, created, inputField, signatureField), null);
    }

    private static bool Verify(string? algorithm, byte[] spki, byte[] data, byte[] signature)
    {
        try
        {
            switch (algorithm)
            {
                case "ecdsa-p256-sha256" or null:
                    using (var ecdsa = PublicKeys.ImportEcdsa(spki))
                        return ecdsa is { KeySize: 256 } && ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                case "rsa-pss-sha512":
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportSubjectPublicKeyInfo(spki, out _);
                        return rsa.VerifyData(data, signature, HashAlgorithmName.SHA512, RSASignaturePadding.Pss);
                    }
                default:
                    return false;
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
