using System.Text.Json;

namespace SpbeConnector.Registry.Contracts;

/// <summary>RFC 6901 JSON pointers, as OpenAPI uses them in <c>$ref</c> and as the gateway names places in problems.</summary>
public static class JsonPointer
{
    /// <summary>One reference token: <c>~</c> becomes <c>~0</c> and <c>/</c> becomes <c>~1</c>.</summary>
    public static string Escape(string token) =>
        token.AsSpan().IndexOfAny('~', '/') < 0 ? token : token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>Resolves a local reference such as <c>#/components/schemas/Penduduk</c>; null when it points at nothing.</summary>
    public static JsonElement? Resolve(JsonElement root, string reference)
    {
        if (!reference.StartsWith('#'))
            return null;
        var pointer = Uri.UnescapeDataString(reference[1..]);
        if (pointer.Length == 0)
            return root;
        if (pointer[0] != '/')
            return null;
        var node = root;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(token, out var child))
                node = child;
            else if (node.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index) && index >= 0 && index < node.GetArrayLength())
                node = node[index];
            else
                return null;
        }
        return node;
    }
}
