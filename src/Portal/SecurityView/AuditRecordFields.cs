using System.Text.Json;

namespace SpbeConnector.Portal.SecurityView;

/// <summary>Reads the fields of one stored record (canonical JSON) that the portal shows; absent or odd fields read as null.</summary>
public sealed class AuditRecordFields
{
    private readonly JsonElement _root;

    public AuditRecordFields(byte[] record)
    {
        using var document = JsonDocument.Parse(record);
        _root = document.RootElement.Clone();
    }

    public JsonElement Root => _root;

    public string? Text(params string[] path)
    {
        var element = _root;
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                return null;
        }
        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
            _ => null,
        };
    }

    public long? Number(string name) => _root.TryGetProperty(name, out var e) && e.TryGetInt64(out var n) ? n : null;

    /// <summary>"GET /disdukcapil/kependudukan/v1/penduduk/{hmac}" for an exchange (sensitive values already replaced), the action for other events.</summary>
    public string? Operation() => Text("method") is { } method
        ? $"{method} {Text("target")}"
        : Text("action") is { } action ? (Text("target") is { } target ? $"{action} {target}" : action) : null;

    /// <summary>"opd/name/version" of the API an exchange addressed.</summary>
    public string? Api() => Text("api", "name") is { } name ? $"{Text("api", "opd")}/{name}/{Text("api", "version")}" : null;

    /// <summary>The client application of an exchange, or the person or token of another event.</summary>
    public string? Caller() => Text("client", "id") ?? Text("actor") ?? Text("clientId");

    /// <summary>Each policy's decision recorded on the exchange, in order.</summary>
    public IReadOnlyList<(string Policy, bool Allowed, string? Reason)> Decisions() =>
        _root.TryGetProperty("decisions", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(d => (
                d.TryGetProperty("policy", out var p) ? p.GetString() ?? "" : "",
                d.TryGetProperty("allowed", out var a) && a.ValueKind == JsonValueKind.True,
                d.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null)).ToList()
            : [];
}
