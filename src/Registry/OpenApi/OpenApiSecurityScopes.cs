using System.Text.Json;

namespace SpbeConnector.Registry.OpenApi;

/// <summary>
/// The scopes an OpenAPI document's security requirements ask for (issue 3: "the operation's required scopes, from
/// the API's OpenAPI security requirements"; Pasal 59 ayat (15) huruf c, authorization by established rights).
/// OpenAPI's meaning: an operation's <c>security</c> replaces the document's; the array lists alternatives, any one of
/// which suffices; within one requirement object every scheme's scopes are needed together; an empty object (or an
/// empty array) asks for nothing. Schemes without scopes (API keys, HTTP authentication) add none: the gateway's own
/// token check covers authentication. The gateway enforces these per operation; the registry offers every scope named
/// here in the API's scopes, so that subscriptions can grant them.
/// </summary>
public static class OpenApiSecurityScopes
{
    /// <summary>The alternatives of one operation (an element of a path item); empty when it asks for no scope.</summary>
    public static string[][] ForOperation(JsonElement operation, JsonElement root)
    {
        var requirements = operation.TryGetProperty("security", out var own) ? own
            : root.TryGetProperty("security", out var shared) ? shared
            : default;
        if (requirements.ValueKind != JsonValueKind.Array)
            return [];
        var alternatives = new List<string[]>();
        foreach (var requirement in requirements.EnumerateArray())
        {
            var scopes = ScopesOf(requirement);
            // An alternative without scopes means the operation can be called with none.
            if (scopes.Count == 0)
                return [];
            alternatives.Add([.. scopes]);
        }
        return [.. alternatives];
    }

    /// <summary>Every scope any security requirement of the document (normalised to JSON) names, in order.</summary>
    public static IReadOnlyList<string> Named(string documentJson)
    {
        using var json = JsonDocument.Parse(documentJson, new JsonDocumentOptions { MaxDepth = 256 });
        var root = json.RootElement;
        var named = new SortedSet<string>(StringComparer.Ordinal);
        AddAll(named, root);
        if (root.TryGetProperty("paths", out var paths) && paths.ValueKind == JsonValueKind.Object)
        {
            foreach (var path in paths.EnumerateObject())
            {
                if (path.Value.ValueKind != JsonValueKind.Object)
                    continue;
                foreach (var method in OpenApiStructureRules.Methods)
                {
                    if (path.Value.TryGetProperty(method, out var operation) && operation.ValueKind == JsonValueKind.Object)
                        AddAll(named, operation);
                }
            }
        }
        return [.. named];
    }

    private static void AddAll(SortedSet<string> named, JsonElement holder)
    {
        if (!holder.TryGetProperty("security", out var requirements) || requirements.ValueKind != JsonValueKind.Array)
            return;
        foreach (var requirement in requirements.EnumerateArray())
            named.UnionWith(ScopesOf(requirement));
    }

    private static SortedSet<string> ScopesOf(JsonElement requirement)
    {
        var scopes = new SortedSet<string>(StringComparer.Ordinal);
        if (requirement.ValueKind != JsonValueKind.Object)
            return scopes;
        foreach (var scheme in requirement.EnumerateObject())
        {
            if (scheme.Value.ValueKind != JsonValueKind.Array)
                continue;
            foreach (var scope in scheme.Value.EnumerateArray())
            {
                if (scope.ValueKind == JsonValueKind.String && scope.GetString() is { Length: > 0 } name)
                    scopes.Add(name);
            }
        }
        return scopes;
    }
}
