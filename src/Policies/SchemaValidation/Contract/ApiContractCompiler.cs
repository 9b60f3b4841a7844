using System.Collections.Frozen;
using System.Text.Json;
using SpbeConnector.Policies.SchemaValidation.Schemas;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.OpenApi;

namespace SpbeConnector.Policies.SchemaValidation.Contract;

/// <summary>
/// Compiles an OpenAPI document (already read and checked by the registry, as JSON) into an <see cref="ApiContract"/>.
/// Everything the document says about a request is turned into a check here, once; a construct the gateway could
/// not check exactly is reported as a problem, so the registry refuses the document instead of enforcing less.
/// </summary>
internal static class ApiContractCompiler
{
    /// <summary>Header parameters OpenAPI says to ignore: the HTTP layer defines them.</summary>
    private static readonly HashSet<string> IgnoredHeaders = new(StringComparer.OrdinalIgnoreCase) { "Accept", "Content-Type", "Authorization" };

    public static ApiContract? Compile(ApiDocument document, out List<string> problems)
    {
        problems = [];
        using var json = JsonDocument.Parse(document.Json, new JsonDocumentOptions { MaxDepth = 256 });
        var root = json.RootElement;
        var openApi31 = root.TryGetProperty("openapi", out var version) && version.GetString()!.StartsWith("3.1", StringComparison.Ordinal);
        var schemas = new SchemaCompiler(root, openApi31, problems);
        var paths = new List<PathContract>();
        if (root.TryGetProperty("paths", out var pathsElement))
        {
            foreach (var path in pathsElement.EnumerateObject())
            {
                if (path.Name.StartsWith("x-", StringComparison.Ordinal))
                    continue;
                if (CompilePath(root, path, schemas, problems) is { } compiled)
                    paths.Add(compiled);
            }
        }
        return problems.Count == 0 ? new ApiContract(document.ApiId, document.Revision, document.Sha256, paths) : null;
    }

    private static PathContract? CompilePath(JsonElement root, JsonProperty path, SchemaCompiler schemas, List<string> problems)
    {
        var at = "/paths/" + JsonPointer.Escape(path.Name);
        var segments = Segments(path.Name, at, problems);
        if (segments is null)
            return null;
        var item = Resolve(root, path.Value);
        var shared = item.TryGetProperty("parameters", out var p) ? p : default;
        var operations = new Dictionary<string, OperationContract>(StringComparer.Ordinal);
        foreach (var method in OpenApiStructureRules.Methods)
        {
            if (!item.TryGetProperty(method, out var operation))
                continue;
            var compiled = new OperationContract(method.ToUpperInvariant(), path.Name) { ScopeAlternatives = OpenApiSecurityScopes.ForOperation(operation, root) };
            CompileParameters(root, compiled, operation, shared, segments, $"{at}/{method}", schemas, problems);
            if (operation.TryGetProperty("requestBody", out var body))
                compiled.RequestBody = CompileRequestBody(root, body, $"{at}/{method}/requestBody", schemas, problems);
            if (operation.TryGetProperty("responses", out var responses))
                compiled.Responses = CompileResponses(root, responses, $"{at}/{method}/responses", schemas);
            operations[compiled.Method] = compiled;
        }
        // HEAD is GET without the body (RFC 9110 section 9.3.2): documented GET, HEAD is served with its contract,
        // unless the document describes HEAD itself.
        if (operations.TryGetValue("GET", out var get))
            operations.TryAdd("HEAD", get);
        return new PathContract(path.Name, segments, operations.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static PathSegment[]? Segments(string template, string at, List<string> problems)
    {
        var parts = template[1..].Split('/');
        if (parts.Length > ApiContract.MaxSegments)
        {
            problems.Add($"{at}: paths of more than {ApiContract.MaxSegments} segments are not supported");
            return null;
        }
        var segments = new PathSegment[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var open = part.IndexOf('{');
            if (open < 0)
            {
                segments[i] = new PathSegment(part, null, "");
                continue;
            }
            var close = part.IndexOf('}');
            if (part.IndexOf('{', open + 1) >= 0)
            {
                problems.Add($"{at}: a segment with more than one template variable is not supported");
                return null;
            }
            segments[i] = new PathSegment(part[..open], part[(open + 1)..close], part[(close + 1)..]);
        }
        return segments;
    }

    private static void CompileParameters(JsonElement root, OperationContract operation, JsonElement element, JsonElement shared,
        PathSegment[] segments, string at, SchemaCompiler schemas, List<string> problems)
    {
        var declared = new Dictionary<(string, ParameterLocation), ParameterContract>();
        // Operation-level parameters first: they override path-level ones of the same name and location.
        var sources = new List<(JsonElement, string)>(2);
        if (element.TryGetProperty("parameters", out var own))
            sources.Add((own, at + "/parameters"));
        if (shared.ValueKind == JsonValueKind.Array)
            sources.Add((shared, at[..at.LastIndexOf('/')] + "/parameters"));
        foreach (var (list, listAt) in sources)
        {
            var index = 0;
            foreach (var raw in list.EnumerateArray())
            {
                var parameterAt = $"{listAt}/{index++}";
                var parameter = Resolve(root, raw);
                if (raw.TryGetProperty("$ref", out var reference))
                    parameterAt = reference.GetString()![1..];
                var compiled = CompileParameter(parameter, parameterAt, schemas, problems);
                if (compiled is not null)
                    declared.TryAdd((compiled.Name, compiled.Location), compiled);
            }
        }
        var parameters = declared.Values.Where(d => d.Location != ParameterLocation.Header || !IgnoredHeaders.Contains(d.Name)).ToArray();
        operation.PathParameters = segments.Where(s => !s.IsLiteral)
            .Select(s => parameters.FirstOrDefault(d => d.Location == ParameterLocation.Path && d.Name == s.Variable))
            .OfType<ParameterContract>()
            .ToArray();
        operation.QueryParameters = parameters.Where(d => d.Location == ParameterLocation.Query).ToArray();
        operation.HeaderParameters = parameters.Where(d => d.Location == ParameterLocation.Header).ToArray();
        operation.CookieParameters = parameters.Where(d => d.Location == ParameterLocation.Cookie).ToArray();
    }

    private static ParameterContract? CompileParameter(JsonElement parameter, string at, SchemaCompiler schemas, List<string> problems)
    {
        var name = parameter.GetProperty("name").GetString()!;
        var location = parameter.GetProperty("in").GetString() switch
        {
            "path" => ParameterLocation.Path,
            "query" => ParameterLocation.Query,
            "header" => ParameterLocation.Header,
            _ => ParameterLocation.Cookie,
        };
        if (!parameter.TryGetProperty("schema", out var schemaElement))
        {
            problems.Add($"{at}: parameters described with 'content' are not supported; describe the parameter with a schema");
            return null;
        }
        var required = parameter.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True;
        var schema = schemas.Compile(schemaElement, at + "/schema");
        var resolved = Resolve(schema);
        if (resolved.Types != JsonTypes.Any && (resolved.Types & JsonTypes.Object) != 0)
        {
            problems.Add($"{at}/schema: object parameters are not supported; pass the fields as separate parameters or in a body");
            return null;
        }
        var isArray = resolved.Types == JsonTypes.Array;
        var style = parameter.TryGetProperty("style", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : null;
        var defaultStyle = location is ParameterLocation.Query or ParameterLocation.Cookie ? "form" : "simple";
        var explode = parameter.TryGetProperty("explode", out var e) ? e.ValueKind == JsonValueKind.True : (style ?? defaultStyle) == "form";
        char separator;
        switch (style ?? defaultStyle)
        {
            case "form" or "simple":
                separator = ',';
                break;
            case "spaceDelimited" when location == ParameterLocation.Query:
                separator = ' ';
                break;
            case "pipeDelimited" when location == ParameterLocation.Query:
                separator = '|';
                break;
            default:
                problems.Add($"{at}/style: the style '{style}' is not supported for {location.ToString().ToLowerInvariant()} parameters");
                return null;
        }
        if (isArray && location != ParameterLocation.Query)
            explode = false; // path, header and cookie arrays always travel as one joined value
        return new ParameterContract(name, location, required || location == ParameterLocation.Path, schema, isArray, explode, separator);
    }

    private static RequestBodyContract CompileRequestBody(JsonElement root, JsonElement body, string at, SchemaCompiler schemas, List<string> problems)
    {
        if (body.TryGetProperty("$ref", out var reference))
            at = reference.GetString()![1..];
        body = Resolve(root, body);
        var required = body.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True;
        return new RequestBodyContract(required, CompileContent(body.GetProperty("content"), at, schemas, problems));
    }

    private static Dictionary<string, ResponseContract> CompileResponses(JsonElement root, JsonElement responses, string at, SchemaCompiler schemas)
    {
        var compiled = new Dictionary<string, ResponseContract>(StringComparer.OrdinalIgnoreCase);
        foreach (var response in responses.EnumerateObject())
        {
            if (response.Name.StartsWith("x-", StringComparison.Ordinal))
                continue;
            var responseAt = $"{at}/{JsonPointer.Escape(response.Name)}";
            if (response.Value.TryGetProperty("$ref", out var reference))
                responseAt = reference.GetString()![1..];
            var resolved = Resolve(root, response.Value);
            var content = resolved.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.Object
                ? CompileContent(c, responseAt, schemas, problems: null)
                : [];
            compiled[response.Name.ToUpperInvariant() == "DEFAULT" ? "default" : response.Name.ToUpperInvariant()] = new ResponseContract(content);
        }
        return compiled;
    }

    private static MediaTypeContract[] CompileContent(JsonElement contentElement, string at, SchemaCompiler schemas, List<string>? problems)
    {
        var content = new List<MediaTypeContract>();
        foreach (var media in contentElement.EnumerateObject())
        {
            var mediaAt = $"{at}/content/{JsonPointer.Escape(media.Name)}";
            var name = media.Name.Split(';')[0].Trim().ToLowerInvariant();
            var kind = MediaTypeContract.KindOf(name);
            var schema = kind != BodyKind.Binary && media.Value.TryGetProperty("schema", out var s) ? schemas.Compile(s, mediaAt + "/schema") : null;
            if (problems is not null && kind is BodyKind.Form or BodyKind.Multipart && schema is not null && Resolve(schema) is var fields
                && ((fields.Types & JsonTypes.Object) == 0 || fields.AllOf is not null || fields.AnyOf is not null || fields.OneOf is not null))
                problems.Add($"{mediaAt}/schema: the fields of a form must be described by one object schema with properties (no allOf, anyOf or oneOf)");
            var fieldTypes = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (media.Value.TryGetProperty("encoding", out var encoding) && encoding.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in encoding.EnumerateObject())
                {
                    if (field.Value.TryGetProperty("contentType", out var types) && types.ValueKind == JsonValueKind.String)
                        fieldTypes[field.Name] = types.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                            .Select(t => t.ToLowerInvariant()).ToArray();
                }
            }
            content.Add(new MediaTypeContract(name, kind, schema, fieldTypes));
        }
        return content.ToArray();
    }

    private static SchemaNode Resolve(SchemaNode node) => node.Target is { } target ? Resolve(target) : node;

    /// <summary>Follows local <c>$ref</c>s (already checked to resolve) to the object they name.</summary>
    private static JsonElement Resolve(JsonElement root, JsonElement node)
    {
        for (var hops = 0; hops < 32 && node.ValueKind == JsonValueKind.Object && node.TryGetProperty("$ref", out var reference); hops++)
            node = JsonPointer.Resolve(root, reference.GetString()!) ?? node;
        return node;
    }
}
