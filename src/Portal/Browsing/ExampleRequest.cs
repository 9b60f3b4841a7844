using System.Globalization;
using System.Text.Json.Nodes;
using SpbeConnector.Registry.OpenApi;

namespace SpbeConnector.Portal.Browsing;

/// <summary>
/// The request the catalog prints as its example (issue 19 item 7: the example used to omit a required query parameter
/// and failed with 400 as printed): a GET operation of the API's document whose required path and query parameters
/// can all be given a value the document accepts (its example, first enum value or default; a number or a plain word
/// where the schema allows any), with those values in the path and query, encoded.
/// </summary>
public sealed record ExampleRequest(string Method, string PathAndQuery)
{
    public static ExampleRequest? From(string? documentText)
    {
        if (documentText is null || OpenApiDocumentReader.Read(documentText).Json is not { } json || JsonNode.Parse(json) is not JsonObject document
            || document["paths"] is not JsonObject paths)
            return null;
        ExampleRequest? fallback = null;
        foreach (var (template, item) in paths)
        {
            if (item?["get"] is not JsonObject operation)
                continue;
            var parameters = Parameters(document, item["parameters"]).Concat(Parameters(document, operation["parameters"]))
                .GroupBy(p => (p["name"]?.GetValue<string>(), p["in"]?.GetValue<string>())).Select(g => g.Last()).ToList();
            var path = template;
            var query = new List<string>();
            var complete = true;
            foreach (var parameter in parameters)
            {
                var name = parameter["name"]?.GetValue<string>() ?? "";
                var where = parameter["in"]?.GetValue<string>();
                var required = where == "path" || parameter["required"]?.GetValue<bool>() == true;
                if (!required || where is not ("path" or "query"))
                    continue;
                var value = ValueOf(parameter);
                complete &= value is not null;
                value ??= name.ToUpperInvariant();
                if (where == "path")
                    path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
                else
                    query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
            }
            var example = new ExampleRequest("GET", query.Count == 0 ? path : $"{path}?{string.Join("&", query)}");
            if (complete)
                return example;
            fallback ??= example;
        }
        return fallback;
    }

    /// <summary>Parameters listed inline or by a local <c>$ref</c> to <c>components/parameters</c>.</summary>
    private static IEnumerable<JsonObject> Parameters(JsonObject document, JsonNode? list) =>
        (list as JsonArray ?? []).Select(p => p?["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/components/parameters/", StringComparison.Ordinal)
                ? document["components"]?["parameters"]?[reference["#/components/parameters/".Length..]] as JsonObject
                : p as JsonObject)
            .OfType<JsonObject>();

    /// <summary>A value the document accepts for the parameter, or null when it names none and its schema is constrained.</summary>
    private static string? ValueOf(JsonObject parameter)
    {
        var schema = parameter["schema"] as JsonObject;
        var given = parameter["example"] ?? schema?["example"] ?? (schema?["enum"] as JsonArray)?.FirstOrDefault() ?? schema?["default"]
            ?? (parameter["examples"] as JsonObject)?.Select(e => e.Value?["value"]).FirstOrDefault(v => v is not null);
        if (given is JsonValue value)
            return value.TryGetValue<string>(out var text) ? text : value.ToJsonString();
        if (schema is null || schema["pattern"] is not null || schema["format"] is not null || schema["minLength"] is not null)
            return null;
        return schema["type"]?.GetValue<string>() switch
        {
            "integer" or "number" => (schema["minimum"]?.GetValue<double>() is { } minimum ? Math.Max(1, Math.Ceiling(minimum)) : 1).ToString(CultureInfo.InvariantCulture),
            "boolean" => "true",
            "string" => "contoh",
            _ => null,
        };
    }
}
