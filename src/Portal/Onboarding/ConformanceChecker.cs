using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.OpenApi;

namespace SpbeConnector.Portal.Onboarding;

/// <summary>
/// Runs the interoperability conformance rules (<see cref="ConformanceRules"/>) against a submitted API: its version,
/// its upstreams and its OpenAPI document (as JSON). Rules switched off are skipped; the caller decides that errors
/// block submission.
/// </summary>
public sealed partial class ConformanceChecker(IOptions<PortalOptions> options)
{
    [GeneratedRegex("^v[0-9]+(\\.[0-9]+)*$")]
    private static partial Regex VersionSegment();

    public IReadOnlyList<ConformanceFinding> Check(string version, IEnumerable<string> upstreams, bool isPublic, string? documentJson)
    {
        var findings = new List<ConformanceFinding>();
        void Add(string rule, string location)
        {
            var severity = ConformanceRules.SeverityOf(rule, options.Value);
            if (severity != ConformanceSeverity.Off)
                findings.Add(new ConformanceFinding(rule, severity, location));
        }

        if (!VersionSegment().IsMatch(version))
            Add(ConformanceRules.VersionedBasePath, "version");
        foreach (var upstream in upstreams.Where(u => !u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            Add(ConformanceRules.HttpsUpstream, upstream);
        if (documentJson is null || JsonNode.Parse(documentJson) is not JsonObject document)
            return findings;

        var globalSecurity = document["security"] is JsonArray { Count: > 0 };
        if (document["paths"] is not JsonObject paths)
            return findings;
        foreach (var (path, item) in paths)
        {
            if (item is not JsonObject pathItem)
                continue;
            foreach (var method in OpenApiStructureRules.Methods)
            {
                if (pathItem[method] is not JsonObject operation)
                    continue;
                var at = $"/paths/{Escape(path)}/{method}";
                if (operation["operationId"] is not JsonValue)
                    Add(ConformanceRules.OperationId, at);
                if (string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()))
                    Add(ConformanceRules.OperationSummary, at);
                var security = operation["security"] as JsonArray;
                if (!isPublic && (security is { Count: 0 } || (security is null && !globalSecurity)))
                    Add(ConformanceRules.SecurityRequirement, at);
                CheckBodies(operation["requestBody"]?["content"] as JsonObject, $"{at}/requestBody", Add);
                if (operation["responses"] is JsonObject responses)
                {
                    foreach (var (status, response) in responses)
                    {
                        var content = response?["content"] as JsonObject;
                        var where = $"{at}/responses/{status}";
                        if (status.StartsWith('2') && status != "204" && content is null)
                            Add(ConformanceRules.ResponseSchemas, where);
                        if (content is not null)
                        {
                            foreach (var (media, body) in content.Where(c => c.Value?["schema"] is null))
                                Add(ConformanceRules.ResponseSchemas, $"{where}/content/{Escape(media)}");
                            if ((status.StartsWith('4') || status.StartsWith('5')) && !content.ContainsKey("application/problem+json"))
                                Add(ConformanceRules.ProblemJsonErrors, where);
                        }
                        CheckBodies(content, where, Add);
                    }
                }
            }
        }
        return findings;
    }

    private static void CheckBodies(JsonObject? content, string at, Action<string, string> add)
    {
        if (content is null)
            return;
        foreach (var (media, _) in content)
        {
            var type = media.Split(';')[0].Trim().ToLowerInvariant();
            if (type != "application/json" && !type.EndsWith("+json", StringComparison.Ordinal))
                add(ConformanceRules.JsonContentTypes, $"{at}/content/{Escape(media)}");
        }
    }

    /// <summary>RFC 6901: '~' and '/' inside a pointer segment.</summary>
    private static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");
}
