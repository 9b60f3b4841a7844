using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Approvals;

/// <summary>
/// What a change request would change on a live API, setting by setting, the value in force beside the value proposed,
/// in the reader's language: the reviewers decide on exactly what differs, and the publisher sees what waits.
/// </summary>
public static class ChangeComparison
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// The lines <paramref name="change"/> would change on <paramref name="api"/>; <paramref name="profile"/> is the
    /// registration profile in force (null when none was recorded, as for an API registered through the admin API).
    /// </summary>
    public static IReadOnlyList<ChangeLine> Between(Api api, ApiProfile? profile, ProposedChange change, PortalText t)
    {
        var lines = new List<ChangeLine>();
        void Add(string label, string current, string proposed)
        {
            if (!string.Equals(current, proposed, StringComparison.Ordinal))
                lines.Add(new ChangeLine(label, current, proposed));
        }
        string YesNo(bool value) => t[value ? "approvals.yes" : "approvals.no"];
        static string List(IEnumerable<string>? items) => items is null || !items.Any() ? "—" : string.Join(", ", items);

        if (change.Api is { } proposed)
        {
            Add("field.name", api.Name, proposed.Name);
            Add("field.description", api.Description ?? "—", proposed.Description ?? "—");
            Add("field.upstreamUrls", List(api.UpstreamUrls), List(proposed.UpstreamUrls));
            Add("field.allowInsecureUpstream", YesNo(api.AllowInsecureUpstream), YesNo(proposed.AllowInsecureUpstream));
            Add("field.classification", t["classification." + api.Classification], t["classification." + proposed.Classification]);
            Add("field.isPublic", YesNo(api.IsPublic), YesNo(proposed.IsPublic));
            Add("field.forwardAccessToken", YesNo(api.ForwardAccessToken), YesNo(proposed.ForwardAccessToken));
            if (proposed.Scopes is not null)
                Add("field.scopes", List(api.Scopes), List(proposed.Scopes));
            Add("field.requiredScopes", List(api.RequiredScopes), List(proposed.RequiredScopes));
            if (proposed.OpenApiDocument is { } document && !string.Equals(document, api.OpenApiDocument, StringComparison.Ordinal))
                Add("field.openApiDocument", api.DocumentRevision == 0 ? t["onboarding.noDocument"] : t.Format("approvals.revision", api.DocumentRevision), t["approvals.newDocument"]);
            Add("field.upstreamOAuth", api.UpstreamTokenEndpoint ?? "—", proposed.UpstreamOAuth?.TokenEndpoint ?? "—");
            Add("field.upstreamTimeout", Seconds(api.UpstreamTimeout, t), Seconds(proposed.UpstreamTimeout, t));
            Add("field.healthCheck", api.HealthCheckPath ?? "—", proposed.HealthCheck?.Path ?? "—");
        }
        if (change.Validation is { } validation)
            Settings(lines, "validation", api.Validation, validation, t);
        if (change.Cors is { } cors)
            Settings(lines, "cors", api.Cors, cors, t);
        if (change.Profile is { } proposedProfile)
        {
            Add("field.ownerContact", Text(profile?.OwnerContact), Text(proposedProfile.OwnerContact));
            Add("field.pseRegistrationNumber", Text(profile?.PseRegistrationNumber), Text(proposedProfile.PseRegistrationNumber));
            Add("field.slaTargetPercent", Percent(profile is { SlaTargetPercent: > 0 } ? profile.SlaTargetPercent : null, t), Percent(proposedProfile.SlaTargetPercent, t));
            Add("field.plans", List(profile?.Plans), List(proposedProfile.Plans));
            if (proposedProfile.Tags is not null)
                Add("field.tags", List(profile?.Tags), List(proposedProfile.Tags));
        }
        return lines;
    }

    /// <summary>The validation and file settings, or the CORS settings, property by property (each labelled in the portal's texts).</summary>
    private static void Settings<T>(List<ChangeLine> lines, string group, T current, T proposed, PortalText t)
    {
        var before = JsonSerializer.SerializeToNode(current, Json) as JsonObject ?? [];
        var after = JsonSerializer.SerializeToNode(proposed, Json) as JsonObject ?? [];
        foreach (var (name, value) in after)
        {
            var old = Show(before[name], t);
            var shown = Show(value, t);
            if (!string.Equals(old, shown, StringComparison.Ordinal))
                lines.Add(new ChangeLine($"setting.{group}.{name}", old, shown));
        }
    }

    private static string Show(JsonNode? node, PortalText t) => node switch
    {
        null => "—",
        JsonArray array => array.Count == 0 ? "—" : string.Join(", ", array.Select(i => i?.ToString())),
        JsonValue value when value.GetValueKind() == JsonValueKind.True => t["approvals.yes"],
        JsonValue value when value.GetValueKind() == JsonValueKind.False => t["approvals.no"],
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<decimal>().ToString("N0", t.Numbers),
        JsonValue value => t["setting.value." + value] is var text && text != "setting.value." + value ? text : value.ToString(),
        _ => node.ToJsonString(),
    };

    private static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? "—" : value.Trim();

    private static string Percent(decimal? value, PortalText t) => value is { } v ? v.ToString("0.##", t.Numbers) + " %" : "—";

    private static string Seconds(TimeSpan? span, PortalText t) =>
        span is { } s ? t.Format("approvals.seconds", s.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)) : "—";
}
