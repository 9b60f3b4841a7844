using System.Text.Json;
using System.Text.RegularExpressions;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.OpenApi;

/// <summary>
/// The rules of OpenAPI 3.0 / 3.1 that the gateway depends on to enforce a document: its version and info; paths
/// that are well-formed templates, none equivalent to another; operations with responses; parameters with a name,
/// a location and a schema, every path template variable declared exactly once as a required path parameter;
/// request bodies with content; and every <c>$ref</c> local and resolvable. Each problem names its place as a
/// JSON pointer into the document.
/// </summary>
public static partial class OpenApiStructureRules
{
    public const int MaxProblems = 50;

    public static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private static readonly string[] Locations = ["query", "header", "path", "cookie"];

    [GeneratedRegex(@"^3\.0\.\d+$")]
    private static partial Regex OpenApi30();

    [GeneratedRegex(@"^3\.1\.\d+$")]
    private static partial Regex OpenApi31();

    [GeneratedRegex(@"\{([^{}/]*)\}")]
    private static partial Regex TemplateVariable();

    public static IReadOnlyList<RegistryProblem> Check(JsonElement root)
    {
        var problems = new Problems();
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(RegistryProblem.Of(OpenApiDocumentReader.Field, RegistryMessages.DocumentNotObject));
            return problems.List;
        }
        if (root.TryGetProperty("swagger", out _))
        {
            problems.Add("/swagger", RegistryMessages.DocumentSwagger2);
            return problems.List;
        }
        if (!root.TryGetProperty("openapi", out var version) || version.ValueKind != JsonValueKind.String
            || !(OpenApi30().IsMatch(version.GetString()!) || OpenApi31().IsMatch(version.GetString()!)))
            problems.Add("/openapi", RegistryMessages.DocumentVersion);

        if (!root.TryGetProperty("info", out var info) || info.ValueKind != JsonValueKind.Object)
            problems.Add("/info", RegistryMessages.DocumentObjectRequired);
        else
        {
            if (!info.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String)
                problems.Add("/info/title", RegistryMessages.DocumentStringRequired);
            if (!info.TryGetProperty("version", out var v) || v.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                problems.Add("/info/version", RegistryMessages.DocumentStringRequired);
        }

        CheckReferences(root, root, "", problems, 0);
        if (!root.TryGetProperty("paths", out var paths) || paths.ValueKind != JsonValueKind.Object)
        {
            problems.Add("/paths", RegistryMessages.DocumentPathsRequired);
            return problems.List;
        }
        CheckPaths(root, paths, problems);
        return problems.List;
    }

    private static void CheckPaths(JsonElement root, JsonElement paths, Problems problems)
    {
        var operations = 0;
        var shapes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths.EnumerateObject())
        {
            var at = "/paths/" + Escape(path.Name);
            if (path.Name.StartsWith("x-", StringComparison.Ordinal))
                continue;
            if (!path.Name.StartsWith('/'))
            {
                problems.Add(at, RegistryMessages.DocumentPathSlash);
                continue;
            }
            var variables = TemplateVariables(path.Name, at, problems);
            if (variables is null)
                continue;
            var shape = TemplateVariable().Replace(path.Name, "{}");
            if (shapes.TryGetValue(shape, out var other))
                problems.Add(at, RegistryMessages.DocumentPathEquivalent, ("other", other));
            else
                shapes[shape] = path.Name;

            var item = Resolve(root, path.Value, out var itemAt) ?? path.Value;
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add(at, RegistryMessages.DocumentPathItemObject);
                continue;
            }
            var shared = item.TryGetProperty("parameters", out var sharedParameters) ? sharedParameters : default;
            foreach (var method in Methods)
            {
                if (!item.TryGetProperty(method, out var operation))
                    continue;
                operations++;
                CheckOperation(root, operation, shared, variables, $"{itemAt ?? at}/{method}", at, problems);
            }
        }
        if (operations == 0)
            problems.Add("/paths", RegistryMessages.DocumentNoOperation);
    }

    private static void CheckOperation(JsonElement root, JsonElement operation, JsonElement shared, HashSet<string> variables, string at, string pathAt, Problems problems)
    {
        if (operation.ValueKind != JsonValueKind.Object)
        {
            problems.Add(at, RegistryMessages.DocumentOperationObject);
            return;
        }
        if (!operation.TryGetProperty("responses", out var responses) || responses.ValueKind != JsonValueKind.Object || !responses.EnumerateObject().Any())
            problems.Add(at + "/responses", RegistryMessages.DocumentNoResponse);

        var pathParameters = new HashSet<string>(StringComparer.Ordinal);
        // Operation-level parameters override path-level ones of the same name and location, so they are read first.
        var sources = new List<(JsonElement Parameters, string At)>(2);
        if (operation.TryGetProperty("parameters", out var ownParameters))
            sources.Add((ownParameters, at + "/parameters"));
        if (shared.ValueKind != JsonValueKind.Undefined)
            sources.Add((shared, pathAt + "/parameters"));
        foreach (var (parameters, parametersAt) in sources)
        {
            if (parameters.ValueKind != JsonValueKind.Array)
            {
                problems.Add(parametersAt, RegistryMessages.DocumentArray);
                continue;
            }
            var index = 0;
            var own = new HashSet<(string, string)>();
            foreach (var raw in parameters.EnumerateArray())
            {
                var parameterAt = $"{parametersAt}/{index++}";
                var parameter = Resolve(root, raw, out _) ?? raw;
                if (parameter.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(parameterAt, RegistryMessages.DocumentParameterObject);
                    continue;
                }
                var name = parameter.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : null;
                var location = parameter.TryGetProperty("in", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : null;
                if (string.IsNullOrEmpty(name))
                    problems.Add(parameterAt + "/name", RegistryMessages.DocumentRequired);
                if (location is null || !Locations.Contains(location))
                    problems.Add(parameterAt + "/in", RegistryMessages.DocumentParameterLocation);
                if (string.IsNullOrEmpty(name) || location is null)
                    continue;
                if (!own.Add((name, location)))
                    problems.Add(parameterAt, RegistryMessages.DocumentParameterTwice, ("location", location), ("name", name));
                if (parameter.TryGetProperty("schema", out _) == parameter.TryGetProperty("content", out _))
                    problems.Add(parameterAt, RegistryMessages.DocumentParameterSchema);
                if (location == "path")
                {
                    if (!parameter.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.True)
                        problems.Add(parameterAt + "/required", RegistryMessages.DocumentPathParameterRequired);
                    if (!variables.Contains(name))
                        problems.Add(parameterAt, RegistryMessages.DocumentPathParameterUnused, ("name", name));
                    else
                        pathParameters.Add(name);
                }
            }
        }
        foreach (var variable in variables.Where(v => !pathParameters.Contains(v)))
            problems.Add(at + "/parameters", RegistryMessages.DocumentPathVariableUndeclared, ("name", variable));

        if (operation.TryGetProperty("requestBody", out var rawBody))
        {
            var body = Resolve(root, rawBody, out _) ?? rawBody;
            if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("content", out var content)
                || content.ValueKind != JsonValueKind.Object || !content.EnumerateObject().Any())
                problems.Add(at + "/requestBody/content", RegistryMessages.DocumentBodyMediaType);
        }
    }

    private static HashSet<string>? TemplateVariables(string path, string at, Problems problems)
    {
        var variables = new HashSet<string>(StringComparer.Ordinal);
        var depth = 0;
        foreach (var c in path)
        {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth is < 0 or > 1)
            {
                problems.Add(at, RegistryMessages.DocumentBracesNested);
                return null;
            }
        }
        if (depth != 0)
        {
            problems.Add(at, RegistryMessages.DocumentBracesUnbalanced);
            return null;
        }
        foreach (Match match in TemplateVariable().Matches(path))
        {
            var name = match.Groups[1].Value;
            if (name.Length == 0)
                problems.Add(at, RegistryMessages.DocumentVariableEmpty);
            else if (!variables.Add(name))
                problems.Add(at, RegistryMessages.DocumentVariableTwice, ("name", name));
        }
        return variables;
    }

    /// <summary>Every <c>$ref</c> must point inside the document, at something that exists.</summary>
    private static void CheckReferences(JsonElement root, JsonElement node, string at, Problems problems, int depth)
    {
        if (depth > 200 || problems.Full)
            return;
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in node.EnumerateObject())
                {
                    var propertyAt = at + "/" + Escape(property.Name);
                    if (property.Name == "$ref" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        var target = property.Value.GetString()!;
                        if (!target.StartsWith('#'))
                            problems.Add(propertyAt, RegistryMessages.DocumentExternalReference);
                        else if (JsonPointer.Resolve(root, target) is null)
                            problems.Add(propertyAt, RegistryMessages.DocumentDanglingReference, ("target", target));
                    }
                    else if (!IsData(property))
                    {
                        CheckReferences(root, property.Value, propertyAt, problems, depth + 1);
                    }
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in node.EnumerateArray())
                    CheckReferences(root, item, $"{at}/{index++}", problems, depth + 1);
                break;
        }
    }

    /// <summary>Examples, defaults and enumerations are data: a "$ref" key inside them is not a reference.</summary>
    private static bool IsData(JsonProperty property) =>
        property.Name is "example" or "default" or "enum" or "const"
        || property.Name == "examples" && property.Value.ValueKind == JsonValueKind.Array;

    private static JsonElement? Resolve(JsonElement root, JsonElement node, out string? at)
    {
        at = null;
        for (var hops = 0; hops < 32; hops++)
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty("$ref", out var reference) || reference.ValueKind != JsonValueKind.String)
                return hops == 0 ? null : node;
            var target = reference.GetString()!;
            if (JsonPointer.Resolve(root, target) is not { } resolved)
                return null;
            at = target[1..];
            node = resolved;
        }
        return null;
    }

    private static string Escape(string name) => JsonPointer.Escape(name);

    private sealed class Problems
    {
        public List<RegistryProblem> List { get; } = new();

        public bool Full => List.Count >= MaxProblems;

        /// <summary>A problem at <paramref name="at"/> (a JSON pointer into the document).</summary>
        public void Add(string at, RegistryMessage what, params (string Name, object? Value)[] more)
        {
            if (!Full)
                List.Add(RegistryProblem.Of(OpenApiDocumentReader.Field, what, [("at", at), .. more]));
        }

        public void Add(RegistryProblem problem)
        {
            if (!Full)
                List.Add(problem);
        }
    }
}
