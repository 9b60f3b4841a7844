using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SpbeConnector.TestSupport;

/// <summary>Reads a gateway's audit store directly (as an investigator with the file would), for assertions.</summary>
public sealed class AuditLogReader(string dataDirectory)
{
    public string StorePath { get; } = Path.Combine(dataDirectory, "audit", "audit.db");

    public sealed record Row(long Seq, string Type, string? RequestId, int? Status, string? RefusedBy, byte[] Bytes)
    {
        public JsonElement Json => JsonDocument.Parse(Bytes).RootElement;
        public string Text => System.Text.Encoding.UTF8.GetString(Bytes);
    }

    public IReadOnlyList<Row> All(string? where = null, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={StorePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, type, request_id, status, refused_by, record FROM audit_records" + (where is null ? "" : " WHERE " + where) + " ORDER BY seq";
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        var rows = new List<Row>();
        while (reader.Read())
            rows.Add(new Row(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4), (byte[])reader[5]));
        return rows;
    }

    public IReadOnlyList<Row> ForRequest(string requestId) => All("request_id = $id", ("$id", requestId));
}
