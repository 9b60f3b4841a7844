using System.Text.Json;

namespace SpbeConnector.Policies.SchemaValidation.Contract;

/// <summary>
/// Reads the scopes an operation's OpenAPI security requirements ask for (issue 3: "the operation's required scopes,
/// from the API's OpenAPI security requirements"; Pasal 59 ayat (15) huruf c, authorization by established rights).
/// OpenAPI's semantics: the operation's <c>security</c> replaces the document's; the array lists alternatives, any one
/// of which suffices; within one requirement object every scheme's scopes are needed together; an empty object (or an
/// empty array) asks for nothing. Schemes without scopes (API keys, HTTP authentication) add none: the gateway's own
/// token check covers authentication.
/// </summary>
internal static class SecurityScopeReader
{
    public static string[][] Read(JsonElement operation, JsonElement root)
    {
        var requirements = operation.TryGetProperty("security", out var own) ? own
            : root.TryGetProperty("security", out var shared) ? shared
            : default;
        if (requirements.ValueKind != JsonValueKind.Array)
            return [];
        var alternatives = new List<string[]>();
        foreach (var requirement in requirements.EnumerateArray())
        {
            if (requirement.ValueKind != JsonValueKind.Object)
                continue;
            var scopes = new SortedSet<string>(StringComparer.Ordinal);
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
            // An alternative without scopes means the operation can be called with none.
            if (scopes.Count == 0)
                return [];
            alternatives.Add([.. scopes]);
        }
        return [.. alternatives];
    }
}
