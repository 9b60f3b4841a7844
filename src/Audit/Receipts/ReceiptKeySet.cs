using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using SpbeConnector.Audit.Keys;
using SpbeConnector.Audit.Storage;

namespace SpbeConnector.Audit.Receipts;

/// <summary>
/// The public keys receipts are verified with, by key id: every receipt key the log ever registered (old receipts
/// stay verifiable after a key change), published as a JWKS (RFC 7517) at <c>/audit/v1/receipt-keys</c>.
/// </summary>
public sealed class ReceiptKeySet(IReadOnlyDictionary<string, byte[]> keys)
{
    /// <summary>Key id (RFC 7638 thumbprint) → DER SubjectPublicKeyInfo.</summary>
    public IReadOnlyDictionary<string, byte[]> Keys { get; } = keys;

    public static ReceiptKeySet FromStoredKeys(IEnumerable<StoredKey> stored) =>
        new(stored.Where(k => k.Purpose == AuditKeys.ReceiptPurpose).ToDictionary(k => k.KeyId, k => k.SubjectPublicKeyInfo));

    /// <summary>The receipt keys registered in a data directory's audit store.</summary>
    public static async Task<ReceiptKeySet> FromDataDirectoryAsync(string dataDirectory, CancellationToken ct)
    {
        var path = Path.Combine(dataDirectory, "audit", Hosting.AuditPaths.StoreFileName);
        if (!File.Exists(path))
            throw new IOException($"No audit store at {path} to take the receipt keys from; give --jwks.");
        return FromStoredKeys(await new SqliteAuditStore(path, readOnly: true).ListKeysAsync(ct));
    }

    public static ReceiptKeySet ParseJwks(string json)
    {
        using var document = JsonDocument.Parse(json);
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var jwk in document.RootElement.GetProperty("keys").EnumerateArray())
        {
            if (jwk.GetProperty("kty").GetString() != "EC" || jwk.GetProperty("crv").GetString() != "P-256")
                continue;
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint
                {
                    X = Base64Url.DecodeFromChars(jwk.GetProperty("x").GetString()),
                    Y = Base64Url.DecodeFromChars(jwk.GetProperty("y").GetString()),
                },
            });
            var spki = ecdsa.ExportSubjectPublicKeyInfo();
            // The key id is recomputed from the key, so a JWKS cannot attach a trusted kid to another key.
            keys[PublicKeys.Thumbprint(spki)] = spki;
        }
        return new ReceiptKeySet(keys);
    }

    public byte[] ToJwks()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("keys");
            foreach (var (kid, spki) in Keys)
            {
                PublicKeys.WriteJwk(json, spki, j =>
                {
                    j.WriteString("kid", kid);
                    j.WriteString("use", "sig");
                    j.WriteString("alg", "ES256");
                });
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
