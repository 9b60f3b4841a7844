using System.Security.Cryptography;
using System.Text;

namespace SpbeConnector.Audit.Keys;

/// <summary>
/// Key files under the data directory: created readable by the owner only from the first byte, and, when a key
/// passphrase is configured, encrypted at rest (Pasal 59 ayat (8) huruf b and c: authenticated encryption and key
/// management): private keys as PBES2 encrypted PKCS#8 (AES-256-CBC, PBKDF2-SHA256), other secrets with AES-256-GCM
/// under a PBKDF2-SHA256 key.
/// </summary>
public static class SecretFiles
{
    public const int Pbkdf2Iterations = 600_000;
    private const string ProtectedPrefix = "spbe-aes256gcm-pbkdf2-v1:";

    public static void WriteOwnerOnly(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(content));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    public static PbeParameters PrivateKeyEncryption => new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, Pbkdf2Iterations);

    /// <summary>Encrypts <paramref name="secret"/> under the passphrase, or returns it in base64 when there is none.</summary>
    public static string Protect(byte[] secret, string? passphrase)
    {
        if (string.IsNullOrEmpty(passphrase))
            return Convert.ToBase64String(secret);
        var salt = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[secret.Length];
        using (var aes = new AesGcm(DeriveKey(passphrase, salt), tag.Length))
            aes.Encrypt(nonce, secret, cipher, tag);
        return ProtectedPrefix + Convert.ToBase64String([.. salt, .. nonce, .. tag, .. cipher]);
    }

    public static byte[] Unprotect(string stored, string? passphrase, string path)
    {
        stored = stored.Trim();
        if (!stored.StartsWith(ProtectedPrefix, StringComparison.Ordinal))
            return Convert.FromBase64String(stored);
        if (string.IsNullOrEmpty(passphrase))
            throw new InvalidOperationException($"{path} is encrypted; set Audit:KeyPassphrase (environment Audit__KeyPassphrase) to the passphrase it was written with.");
        var data = Convert.FromBase64String(stored[ProtectedPrefix.Length..]);
        var salt = data[..16];
        var nonce = data[16..28];
        var tag = data[28..44];
        var cipher = data[44..];
        var plain = new byte[cipher.Length];
        try
        {
            using var aes = new AesGcm(DeriveKey(passphrase, salt), tag.Length);
            aes.Decrypt(nonce, cipher, tag, plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new InvalidOperationException($"{path} cannot be decrypted with the configured Audit:KeyPassphrase; set the passphrase it was written with.");
        }
        return plain;
    }

    private static byte[] DeriveKey(string passphrase, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(passphrase, salt, Pbkdf2Iterations, HashAlgorithmName.SHA256, 32);
}
