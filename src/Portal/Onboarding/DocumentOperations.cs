using System.Text.Json.Nodes;
using SpbeConnector.Registry.OpenApi;

namespace SpbeConnector.Portal.Onboarding;

/// <summary>
/// Reads the operations of an OpenAPI document (JSON or YAML, through the registry's own reader) for the review page:
/// what a reviewer signs off, in the order the document lists it. Parameters, request bodies and security
/// requirements given by <c>$ref</c> are named by their component; the document-level security applies where an
/// operation sets none.
/// </summary>
public static class DocumentOperations
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>The operations, or an empty list when the text is not a readable OpenAPI document.</summary>
    public static IReadOnlyList<DocumentOperation> Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || OpenApiDocumentReader.Read(text).Json is not { } json || JsonNode.Parse(json) is not JsonObject document
            || document["paths"] is not JsonObject paths)
            return [];
        var defaultSecurity = document["security"] as JsonArray;
        var operations = new List<DocumentOperation>();
        foreach (var (path, item) in paths)
        {
            if (item is not JsonObject pathItem)
                continue;
            var shared = pathItem["parameters"] as JsonArray;
            foreach (var method in Methods)
            {
                if (pathItem[method] is not JsonObject operation)
                    continue;
                var parameters = Parameters(document, shared).Concat(Parameters(document, operation["parameters"] as JsonArray)).Distinct().ToList();
                var security = operation["security"] as JsonArray ?? defaultSecurity;
                operations.Add(new DocumentOperation(method.ToUpperInvariant(), path, operation["summary"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? operation["summary"]!.GetValue<string>() : null,
                    parameters, BodySchemas(document, operation["requestBody"]), Scopes(security),
                    new JsonArray(operation.DeepClone(), shared?.DeepClone()).ToJsonString()));
            }
        }
        return operations;
    }

    private static IEnumerable<string> Parameters(JsonObject document, JsonArray? list)
    {
        foreach (var node in list ?? [])
        {
            var parameter = Resolve(document, node);
            if ((parameter as JsonObject)?["name"] is JsonValue name && parameter["in"] is JsonValue where)
                yield return $"{name} ({where})";
            else if (RefName(node) is { } reference)
                yield return reference;
        }
    }

    private static IReadOnlyList<string> BodySchemas(JsonObject document, JsonNode? requestBody)
    {
        if ((Resolve(document, requestBody) as JsonObject)?["content"] is not JsonObject content)
            return requestBody is null ? [] : RefName(requestBody) is { } name ? [name] : [];
        return content.Select(c => (c.Value as JsonObject)?["schema"] is JsonObject schema ? RefName(schema) ?? schema["type"]?.ToString() ?? "object" : "—")
            .Distinct().ToList();
    }

    private static IReadOnlyList<string> Scopes(JsonArray? security)
    {
        var scopes = new List<string>();
        foreach (var requirement in (security ?? []).OfType<JsonObject>())
        {
            foreach (var (scheme, names) in requirement)
            {
                var listed = (names as JsonArray ?? []).Select(n => n?.ToString()).OfType<string>().ToList();
                scopes.AddRange(listed.Count == 0 ? [scheme] : listed.Select(s => $"{s} ({scheme})"));
            }
        }
        return scopes.Distinct().ToList();
    }

    /// <summary>A node, or the component a local <c>$ref</c> names (one level; a component's own references are named, not followed).</summary>
    private static JsonNode? Resolve(JsonObject document, JsonNode? node)
    {
        if ((node as JsonObject)?["$ref"] is not JsonValue reference || reference.ToString() is not { } pointer || !pointer.StartsWith("#/", StringComparison.Ordinal))
            return node;
        JsonNode? current = document;
        foreach (var part in pointer[2..].Split('/'))
            current = (current as JsonObject)?[part.Replace("~1", "/").Replace("~0", "~")];
        return current;
    }

    private static string? RefName(JsonNode? node) =>
        (node as JsonObject)?["$ref"] is JsonValue reference && reference.ToString() is { } text ? text[(text.LastIndexOf('/') + 1)..] : null;
}
