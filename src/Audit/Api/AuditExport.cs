using System.Globalization;
using System.Text;
using System.Text.Json;
using SpbeConnector.Audit.Archive;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Tree;

namespace SpbeConnector.Audit.Api;

/// <summary>
/// Exports the records a query selects, as incident evidence (Pasal 75 huruf d: document the evidence of an
/// incident): JSON Lines with the signed checkpoint and each record's inclusion proof (verifiable offline with
/// <c>audit verify</c>), or CSV for spreadsheets (with values that a spreadsheet would run as formulas neutralised).
/// </summary>
public static class AuditExport
{
    private const int Page = 1000;
    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public static async Task WriteJsonLinesAsync(Stream output, IAuditStore store, AuditQuery query, StoredCheckpoint checkpoint, string origin, CancellationToken ct)
    {
        var builder = new MerkleProofBuilder(await StoreSubtreeHashReader.CreateAsync(store, ct));
        var keys = await store.ListKeysAsync(ct);
        await using (var header = new Utf8JsonWriter(output))
        {
            header.WriteStartObject();
            header.WriteString("format", LogFileJson.ExportFormat);
            header.WriteString("origin", origin);
            header.WriteString("created", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            header.WriteStartArray("keys");
            foreach (var key in keys)
                LogFileJson.WriteKey(header, key);
            header.WriteEndArray();
            header.WritePropertyName("checkpoint");
            LogFileJson.WriteCheckpoint(header, checkpoint);
            header.WriteEndObject();
        }
        await output.WriteAsync(NewLine, ct);
        await foreach (var row in SelectAsync(store, query, checkpoint, ct))
        {
            var proof = await builder.InclusionProofAsync(row.Seq, checkpoint.TreeSize, ct);
            await using (var line = new Utf8JsonWriter(output))
            {
                line.WriteStartObject();
                line.WriteString("type", "record");
                LogFileJson.WriteRecordMembers(line, row);
                LogFileJson.WriteHashes(line, "inclusion", proof);
                line.WriteEndObject();
            }
            await output.WriteAsync(NewLine, ct);
            await output.FlushAsync(ct);
        }
    }

    public static async Task WriteCsvAsync(Stream output, IAuditStore store, AuditQuery query, StoredCheckpoint checkpoint, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteLineAsync("seq,time,type,request_id,client_id,client_opd,api,api_opd,method,target,status,outcome,refused_by,leaf_hash");
        await foreach (var row in SelectAsync(store, query, checkpoint, ct))
        {
            using var json = JsonDocument.Parse(row.Record);
            var r = json.RootElement;
            string? Text(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            await writer.WriteLineAsync(string.Join(',',
                row.Seq.ToString(CultureInfo.InvariantCulture), Cell(Text("time")), Cell(row.Type), Cell(row.RequestId), Cell(row.ClientId),
                Cell(row.ClientOpd), Cell(row.Api), Cell(row.ApiOpd), Cell(Text("method")), Cell(Text("target")),
                row.Status?.ToString(CultureInfo.InvariantCulture) ?? "", Cell(Text("outcome")), Cell(row.RefusedBy), Convert.ToHexStringLower(row.LeafHash)));
        }
    }

    /// <summary>The matching records the checkpoint covers, page by page.</summary>
    private static async IAsyncEnumerable<AuditRecordRow> SelectAsync(IAuditStore store, AuditQuery query, StoredCheckpoint checkpoint,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var after = query.AfterSeq;
        while (true)
        {
            var page = await store.QueryAsync(query with { AfterSeq = after, BeforeSeq = checkpoint.TreeSize, Limit = Page }, ct).ToListAsync(ct);
            foreach (var row in page)
                yield return row;
            if (page.Count < Page)
                yield break;
            after = page[^1].Seq;
        }
    }

    /// <summary>A CSV cell: quoted when needed, and never starting with a character a spreadsheet runs as a formula.</summary>
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
