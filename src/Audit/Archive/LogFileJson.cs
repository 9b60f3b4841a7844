using System.Runtime.InteropServices;
using System.Text.Json;
using SpbeConnector.Audit.Storage;

namespace SpbeConnector.Audit.Archive;

/// <summary>
/// The JSON Lines vocabulary shared by archives and exports: keys, checkpoints (with their signed notes and frontiers)
/// and records, each record embedded byte for byte (its canonical bytes are its leaf data, so they are never
/// re-serialised).
/// </summary>
public static class LogFileJson
{
    public const string ArchiveFormat = "spbe-audit-archive/1";
    public const string ExportFormat = "spbe-audit-export/1";

    public static void WriteKey(Utf8JsonWriter json, StoredKey key)
    {
        json.WriteStartObject();
        json.WriteString("keyId", key.KeyId);
        json.WriteString("purpose", key.Purpose);
        json.WriteBase64String("subjectPublicKeyInfo", key.SubjectPublicKeyInfo);
        if (key.Certificate is not null)
            json.WriteBase64String("certificate", key.Certificate);
        json.WriteNumber("createdMs", key.CreatedMs);
        json.WriteEndObject();
    }

    public static StoredKey ReadKey(JsonElement e) => new(
        e.GetProperty("keyId").GetString()!, e.GetProperty("purpose").GetString()!, e.GetProperty("subjectPublicKeyInfo").GetBytesFromBase64(),
        e.TryGetProperty("certificate", out var c) ? c.GetBytesFromBase64() : null, e.GetProperty("createdMs").GetInt64());

    public static void WriteCheckpoint(Utf8JsonWriter json, StoredCheckpoint c)
    {
        json.WriteStartObject();
        json.WriteNumber("id", c.Id);
        json.WriteNumber("treeSize", c.TreeSize);
        json.WriteBase64String("rootHash", c.RootHash);
        json.WriteNumber("timeMs", c.TimeMs);
        json.WriteString("keyId", c.KeyId);
        json.WriteString("note", c.Note);
        json.WriteBase64String("frontier", c.Frontier);
        json.WriteEndObject();
    }

    public static StoredCheckpoint ReadCheckpoint(JsonElement e) => new(
        e.GetProperty("id").GetInt64(), e.GetProperty("treeSize").GetInt64(), e.GetProperty("rootHash").GetBytesFromBase64(),
        e.GetProperty("timeMs").GetInt64(), e.GetProperty("keyId").GetString()!, e.GetProperty("note").GetString()!, e.GetProperty("frontier").GetBytesFromBase64());

    /// <summary>Writes a record line's members: seq, leafHash and the record's own bytes verbatim.</summary>
    public static void WriteRecordMembers(Utf8JsonWriter json, AuditRecordRow row)
    {
        json.WriteNumber("seq", row.Seq);
        json.WriteString("leafHash", Convert.ToHexStringLower(row.LeafHash));
        json.WritePropertyName("record");
        json.WriteRawValue(row.Record, skipInputValidation: true);
    }

    /// <summary>Reads a record line back, with the record's exact bytes as they appear in the file.</summary>
    public static AuditRecordRow ReadRecord(JsonElement e)
    {
        var record = JsonMarshal.GetRawUtf8Value(e.GetProperty("record")).ToArray();
        return new AuditRecordRow(e.GetProperty("seq").GetInt64(), 0, "", null, null, null, null, null, null, null,
            record, Convert.FromHexString(e.GetProperty("leafHash").GetString()!));
    }

    public static void WriteHashes(Utf8JsonWriter json, string name, IEnumerable<byte[]> hashes)
    {
        json.WriteStartArray(name);
        foreach (var hash in hashes)
            json.WriteBase64StringValue(hash);
        json.WriteEndArray();
    }

    public static IReadOnlyList<byte[]> ReadHashes(JsonElement e) => e.EnumerateArray().Select(h => h.GetBytesFromBase64()).ToList();
}
