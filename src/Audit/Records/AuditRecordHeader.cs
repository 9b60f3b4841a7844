using System.Text.Json;
using SpbeConnector.Audit.Time;

namespace SpbeConnector.Audit.Records;

/// <summary>
/// The members every record starts with: <c>type</c>, <c>time</c> (UTC, milliseconds), <c>clock</c> (the clock and
/// its synchronisation state) and <c>node</c> (the gateway node). The log puts <c>seq</c> before them.
/// </summary>
internal static class AuditRecordHeader
{
    public static void Write(Utf8JsonWriter json, string type, DateTimeOffset time, AuditClock clock, string node)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("time", AuditClock.FormatTime(time));
        json.WritePropertyName("clock");
        json.WriteRawValue(clock.StatusJson, skipInputValidation: true);
        json.WriteString("node", node);
    }
}
