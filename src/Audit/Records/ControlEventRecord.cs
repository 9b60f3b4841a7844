using Microsoft.Extensions.Options;
using SpbeConnector.Audit.Time;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Audit.Records;

/// <summary>Serialises the control plane's events (<see cref="AuditEvent"/>: admin actions, tokens, audit reads) as records.</summary>
public sealed class ControlEventRecord(AuditClock clock, IOptions<AuditOptions> options)
{
    public PendingAuditRecord Create(AuditEvent e)
    {
        var time = clock.UtcNow;
        var buffer = AuditJsonBuffer.Rent();
        var json = buffer.Writer;
        AuditRecordHeader.Write(json, e.Type, time, clock, options.Value.NodeId);
        json.WriteString("action", e.Action);
        json.WriteString("outcome", e.Outcome);
        WriteIfPresent(json, "actor", e.Actor);
        WriteIfPresent(json, "target", e.Target);
        if (e.Status is { } status)
            json.WriteNumber("status", status);
        WriteIfPresent(json, "requestId", e.RequestId);
        WriteIfPresent(json, "sourceIp", e.SourceIp);
        WriteIfPresent(json, "clientId", e.ClientId);
        if (e.Details is { Count: > 0 } details)
        {
            json.WriteStartObject("details");
            foreach (var (key, value) in details.OrderBy(d => d.Key, StringComparer.Ordinal))
                json.WriteString(key, value);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        return new PendingAuditRecord(buffer.ToArrayAndReturn(), e.Type, time.ToUnixTimeMilliseconds())
        {
            RequestId = e.RequestId,
            ClientId = e.ClientId,
            Status = e.Status,
            RefusedBy = e.Outcome == "refused" ? e.Type : null,
        };
    }

    private static void WriteIfPresent(System.Text.Json.Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
            json.WriteString(name, value);
    }
}
