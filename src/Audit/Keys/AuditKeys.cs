using System.Security.Cryptography;

namespace SpbeConnector.Audit.Keys;

/// <summary>
/// The keys of the audit log: one signs checkpoints, one signs receipts (RFC 9421, published as a JWKS), and an HMAC
/// key turns sensitive parameter values into stable pseudonyms in the log. Kept under <c>{data}/audit/keys</c> unless
/// configured otherwise.
/// </summary>
public sealed class AuditKeys : IDisposable
{
    public const string CheckpointPurpose = "checkpoint";
    public const string ReceiptPurpose = "receipt";
    private const string HmacFileName = "parameter-hmac.key";

    public AuditKeys(SigningKey checkpointKey, SigningKey receiptKey, byte[] parameterHmacKey, IReadOnlyList<string> generated)
    {
        CheckpointKey = checkpointKey;
        ReceiptKey = receiptKey;
        ParameterHmacKey = parameterHmacKey;
        Generated = generated;
        if (receiptKey.Ecdsa is not { KeySize: 256 })
            throw new InvalidOperationException("The receipt signing key must be ECDSA P-256 (RFC 9421 algorithm ecdsa-p256-sha256).");
    }

    public SigningKey CheckpointKey { get; }
    public SigningKey ReceiptKey { get; }
    public byte[] ParameterHmacKey { get; }

    /// <summary>Which keys this start generated (to be said in the log at start).</summary>
    public IReadOnlyList<string> Generated { get; }

    public static AuditKeys Load(AuditOptions options, string directory, TimeProvider time)
    {
        Directory.CreateDirectory(directory);
        var generated = new List<string>();
        var checkpoint = SigningKeyLoader.Load(CheckpointPurpose, options.CheckpointKey, directory, options.KeyPassphrase, time, out var newCheckpoint);
        var receipt = SigningKeyLoader.Load(ReceiptPurpose, options.ReceiptKey, directory, options.KeyPassphrase, time, out var newReceipt);
        if (newCheckpoint)
            generated.Add(CheckpointPurpose);
        if (newReceipt)
            generated.Add(ReceiptPurpose);

        var hmacPath = Path.Combine(directory, HmacFileName);
        if (!File.Exists(hmacPath))
        {
            SecretFiles.WriteOwnerOnly(hmacPath, SecretFiles.Protect(RandomNumberGenerator.GetBytes(32), options.KeyPassphrase));
            generated.Add("parameter HMAC");
        }
        var hmac = SecretFiles.Unprotect(File.ReadAllText(hmacPath), options.KeyPassphrase, hmacPath);
        return new AuditKeys(checkpoint, receipt, hmac, generated);
    }

    public void Dispose()
    {
        CheckpointKey.Dispose();
        ReceiptKey.Dispose();
        CryptographicOperations.ZeroMemory(ParameterHmacKey);
    }
}
