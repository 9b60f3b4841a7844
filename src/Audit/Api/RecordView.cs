using System.Text.Json;
using SpbeConnector.Audit.Storage;

namespace SpbeConnector.Audit.Api;

/// <summary>
/// A record as the audit API returns it: readable (<see cref="Record"/>) and exact (<see cref="Canonical"/>, the
/// base64 of the bytes whose leaf hash is in the tree, for checking proofs).
/// </summary>
public sealed record RecordView(long Seq, string LeafHash, JsonElement Record, string Canonical)
{
    public static RecordView From(AuditRecordRow row) => new(
        row.Seq, Convert.ToHexStringLower(row.LeafHash), JsonDocument.Parse(row.Record).RootElement.Clone(), Convert.ToBase64String(row.Record));
}
