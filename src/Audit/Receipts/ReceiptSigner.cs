using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SpbeConnector.Audit.Keys;

namespace SpbeConnector.Audit.Receipts;

/// <summary>
/// Signs receipts: an RFC 9421 HTTP message signature by the gateway over the response, naming the request it answers
/// (Tunggal Pasal 1 angka 25: non-repudiation for sender and receiver). Algorithm <c>ecdsa-p256-sha256</c>, key id the
/// JWK thumbprint of the receipt key, published at <c>/audit/v1/receipt-keys</c>. Each thread signs with its own copy
/// of the key, so concurrent responses never contend.
/// </summary>
public sealed class ReceiptSigner : IDisposable
{
    private readonly SigningKey _key;
    private readonly byte[] _pkcs8;
    private readonly ThreadLocal<ECDsa> _perThread;

    public ReceiptSigner(AuditKeys keys)
    {
        _key = keys.ReceiptKey;
        _pkcs8 = _key.Ecdsa!.ExportPkcs8PrivateKey();
        _perThread = new ThreadLocal<ECDsa>(trackAllValues: true, valueFactory: () =>
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(_pkcs8, out _);
            return ecdsa;
        });
    }

    public string KeyId => _key.KeyId;

    /// <summary>Returns the <c>Signature-Input</c> and <c>Signature</c> field values.</summary>
    public (string SignatureInput, string Signature) Sign(in ReceiptContent receipt)
    {
        var signatureBase = Build(receipt, out var signatureParams);
        Span<byte> signature = stackalloc byte[64];
        var data = Encoding.UTF8.GetBytes(signatureBase);
        if (!_perThread.Value!.TrySignData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written) || written != 64)
            throw new CryptographicException("The receipt signature could not be made.");
        return ($"{ReceiptFields.Label}={signatureParams}", $"{ReceiptFields.Label}=:{Convert.ToBase64String(signature)}:");
    }

    /// <summary>The signature base of a receipt, and the serialised signature parameters it ends with.</summary>
    public string Build(in ReceiptContent receipt, out string signatureParams)
    {
        var b = new SignatureBase();
        b.Add("\"@status\"", receipt.Status.ToString(CultureInfo.InvariantCulture));
        if (receipt.ContentDigest is { } digest)
            b.Add(receipt.DigestInTrailers ? "\"content-digest\";tr" : "\"content-digest\"", digest);
        b.Add("\"x-request-id\"", receipt.RequestId);
        if (receipt.AuditRecord is { } record)
            b.Add("\"spbe-audit-record\"", record.ToString(CultureInfo.InvariantCulture));
        b.Add("\"@method\";req", receipt.Method);
        b.Add("\"@target-uri\";req", receipt.TargetUri);
        signatureParams = $"{b.ComponentList};created={receipt.Created.ToString(CultureInfo.InvariantCulture)};keyid=\"{_key.KeyId}\";alg=\"{ReceiptFields.Algorithm}\";tag=\"{ReceiptFields.Tag}\"";
        return b.Build(signatureParams);
    }

    public void Dispose()
    {
        foreach (var ecdsa in _perThread.Values)
            ecdsa.Dispose();
        _perThread.Dispose();
    }
}
