using System.Globalization;
using System.Text.Json;
using SpbeConnector.Audit.Records;
using SpbeConnector.Audit.Storage;

namespace SpbeConnector.Audit.Verification;

/// <summary>
/// The columns the store indexes beside each record (type, time, request id, client, API, status, refusing policy),
/// derived again from the record itself, the only authoritative copy. The security view filters and shows those
/// columns, so one altered there would mislead an investigation while every hash still matched; the verifier compares
/// them (Pasal 59 ayat (9) huruf e). They are derived as ExchangeRecords (the audit step) and <see cref="ControlEventRecord"/>
/// fill them; a completion record takes its client and API from the request record it points to.
/// </summary>
internal sealed class IndexedColumns
{
    private readonly Dictionary<long, Party> _openRequests = [];

    private sealed record Party(string? ClientId, string? ClientOpd, string? Api, string? ApiOpd);

    /// <summary>The columns of <paramref name="row"/> that differ from its record: name, stored value, record's value.</summary>
    public IEnumerable<(string Column, string? Stored, string? Record)> Differences(AuditRecordRow row)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(row.Record);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            yield break; // reported as a modified record
        }
        if (root.ValueKind != JsonValueKind.Object)
            yield break;

        var type = Text(root, "type");
        var status = root.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) ? code : (int?)null;
        var outcome = Text(root, "outcome");
        Party? party;
        string? refusedBy;
        switch (type)
        {
            case AuditRecordTypes.ExchangeRequest:
                party = PartyOf(root);
                _openRequests[row.Seq] = party;
                refusedBy = null;
                break;
            case AuditRecordTypes.Exchange:
                party = PartyOf(root);
                refusedBy = Text(root, "refusedBy") ?? (outcome == ExchangeOutcome.Refused ? "gateway" : null);
                break;
            case AuditRecordTypes.ExchangeResponse:
                // Its client and API are those of its request record; one archived or missing cannot be compared.
                party = root.TryGetProperty("requestRecord", out var r) && r.TryGetInt64(out var request) && _openRequests.Remove(request, out var found)
                    ? found : null;
                refusedBy = FirstRefusal(root);
                break;
            case AuditRecordTypes.ExchangeReceipt:
                // Indexed by type and time only (ReceiptStatement): the completion record points to it.
                party = null;
                refusedBy = null;
                status = null;
                break;
            default:
                party = new Party(Text(root, "clientId"), null, null, null);
                refusedBy = outcome == "refused" ? type : null;
                break;
        }

        if (row.Type != type)
            yield return ("type", row.Type, type);
        var time = Text(root, "time") is { } t && DateTimeOffset.TryParseExact(t, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var parsed) ? parsed.ToUnixTimeMilliseconds() : (long?)null;
        if (row.TimeMs != time)
            yield return ("time_ms", row.TimeMs.ToString(CultureInfo.InvariantCulture), time?.ToString(CultureInfo.InvariantCulture));
        var requestId = type == AuditRecordTypes.ExchangeReceipt ? null : Text(root, "requestId");
        if (row.RequestId != requestId)
            yield return ("request_id", row.RequestId, requestId);
        if (row.Status != status)
            yield return ("status", row.Status?.ToString(CultureInfo.InvariantCulture), status?.ToString(CultureInfo.InvariantCulture));
        if (row.RefusedBy != refusedBy)
            yield return ("refused_by", row.RefusedBy, refusedBy);
        if (party is null)
            yield break;
        if (row.ClientId != party.ClientId)
            yield return ("client_id", row.ClientId, party.ClientId);
        if (row.ClientOpd != party.ClientOpd)
            yield return ("client_opd", row.ClientOpd, party.ClientOpd);
        if (row.Api != party.Api)
            yield return ("api", row.Api, party.Api);
        if (row.ApiOpd != party.ApiOpd)
            yield return ("api_opd", row.ApiOpd, party.ApiOpd);
    }

    private static Party PartyOf(JsonElement root)
    {
        var client = root.TryGetProperty("client", out var c) && c.ValueKind == JsonValueKind.Object ? c : (JsonElement?)null;
        var api = root.TryGetProperty("api", out var a) && a.ValueKind == JsonValueKind.Object ? a : (JsonElement?)null;
        return new Party(
            client is { } cl ? Text(cl, "id") : null,
            client is { } co ? Text(co, "opd") : null,
            // The api column holds opd/api/version, as the audit step's ApiIdentity.Key writes it.
            api is { } ap ? $"{Text(ap, "opd")}/{Text(ap, "name")}/{Text(ap, "version")}" : null,
            api is { } ao ? Text(ao, "opd") : null);
    }

    private static string? FirstRefusal(JsonElement root)
    {
        if (!root.TryGetProperty("decisions", out var decisions) || decisions.ValueKind != JsonValueKind.Array)
            return null;
        foreach (var decision in decisions.EnumerateArray())
        {
            if (decision.TryGetProperty("allowed", out var allowed) && allowed.ValueKind == JsonValueKind.False)
                return Text(decision, "policy");
        }
        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
