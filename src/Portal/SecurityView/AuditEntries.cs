using SpbeConnector.Audit.Records;
using SpbeConnector.Audit.Storage;

namespace SpbeConnector.Portal.SecurityView;

/// <summary>
/// Turns a page of records (newest first) into the lines of the audit list: a forwarded call is two records in the
/// log (its request, durable before forwarding, and its response), shown as one line with the caller, API and
/// operation of the request and the status of the response. A request whose response is on a newer page was shown
/// there and is not repeated; one with no response at all is shown alone, marked as awaiting its response.
/// </summary>
public sealed class AuditEntries(IAuditStore store)
{
    public async Task<IReadOnlyList<AuditEntry>> FromAsync(IReadOnlyList<AuditRecordRow> rows, bool mergeExchanges, CancellationToken ct)
    {
        var answered = new HashSet<long>();
        var requests = rows.Where(r => r.Type == AuditRecordTypes.ExchangeRequest).ToDictionary(r => r.Seq);
        var entries = new List<AuditEntry>(rows.Count);
        foreach (var row in rows)
        {
            var fields = new AuditRecordFields(row.Record);
            if (mergeExchanges && row.Type == AuditRecordTypes.ExchangeResponse && fields.Number("requestRecord") is { } requestSeq)
            {
                answered.Add(requestSeq);
                var request = requests.GetValueOrDefault(requestSeq) ?? await store.GetRecordAsync(requestSeq, ct);
                entries.Add(Entry(row, fields, request is null ? null : new AuditRecordFields(request.Record), requestSeq));
                continue;
            }
            if (mergeExchanges && row.Type == AuditRecordTypes.ExchangeRequest
                && (answered.Contains(row.Seq) || await HasResponseAsync(row, ct)))
                continue;
            entries.Add(Entry(row, fields, null, null));
        }
        return entries;
    }

    private async Task<bool> HasResponseAsync(AuditRecordRow request, CancellationToken ct) =>
        request.RequestId is { } id
        && await store.QueryAsync(new AuditQuery(RequestId: id, Type: AuditRecordTypes.ExchangeResponse, Limit: 1), ct).AnyAsync(ct);

    private static AuditEntry Entry(AuditRecordRow row, AuditRecordFields fields, AuditRecordFields? request, long? requestSeq)
    {
        var described = request ?? fields;
        return new AuditEntry(row.Seq, requestSeq, DateTimeOffset.FromUnixTimeMilliseconds(row.TimeMs), row.Type,
            described.Caller() ?? row.ClientId, row.ClientOpd ?? described.Text("client", "opd"), row.Api ?? described.Api(),
            described.Operation(), row.Status, fields.Text("outcome"), row.RefusedBy, row.RequestId);
    }
}
