using System.Globalization;
using SpbeConnector.Portal.Onboarding;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Approvals;

/// <summary>
/// The form that changes an API's settings (<c>/portal/api/{id}/ubah</c>): its fields as the page shows them (the
/// settings in force, or what was typed), and what a post proposes. Only what differs from the settings in force is
/// proposed, so a change request lists exactly what the reviewers decide. The registration profile (owner contact, PSE
/// number, SLA target, plans chosen among the registry's, labels) is on the form for a draft and a live API alike; the
/// publisher's workflow proposes it only where it differs. The upstream's OAuth client, timeout and health check are not
/// on the form and are carried over as they are.
/// </summary>
public static class ApiChangeForm
{
    public static Dictionary<string, string> ValuesOf(Api api, ApiProfile? profile) => new(StringComparer.Ordinal)
    {
        ["name"] = api.Name,
        ["description"] = api.Description ?? "",
        ["upstreamUrls"] = string.Join("\n", api.UpstreamUrls),
        ["allowInsecureUpstream"] = Flag(api.AllowInsecureUpstream),
        ["classification"] = api.Classification.ToString(),
        ["isPublic"] = Flag(api.IsPublic),
        ["forwardAccessToken"] = Flag(api.ForwardAccessToken),
        ["scopes"] = string.Join(", ", api.Scopes),
        ["requiredScopes"] = string.Join(", ", api.RequiredScopes),
        ["strictQuery"] = Flag(api.Validation.StrictQuery),
        ["maxBodyBytes"] = api.Validation.MaxBodyBytes.ToString(CultureInfo.InvariantCulture),
        ["responseValidation"] = api.Validation.ResponseValidation.ToString(),
        ["allowedFileTypes"] = string.Join(", ", api.Validation.AllowedFileTypes),
        ["maxFileBytes"] = api.Validation.MaxFileBytes.ToString(CultureInfo.InvariantCulture),
        ["maxFilesPerRequest"] = api.Validation.MaxFilesPerRequest.ToString(CultureInfo.InvariantCulture),
        ["scannerOutage"] = api.Validation.ScannerOutage.ToString(),
        ["corsOrigins"] = string.Join("\n", api.Cors.AllowedOrigins),
        ["corsMethods"] = string.Join(", ", api.Cors.AllowedMethods),
        ["corsCredentials"] = Flag(api.Cors.AllowCredentials),
        ["ownerContact"] = profile?.OwnerContact ?? "",
        ["pseRegistrationNumber"] = profile?.PseRegistrationNumber ?? "",
        ["slaTargetPercent"] = profile?.SlaTargetPercent.ToString(CultureInfo.InvariantCulture) ?? "",
        ["plans"] = string.Join("\n", profile?.Plans ?? []),
        ["tags"] = string.Join(", ", profile?.Tags ?? []),
    };

    /// <summary>What was typed, to show again beside the problems (check boxes not sent are unticked).</summary>
    public static Dictionary<string, string> ValuesOf(IFormCollection form, Api api, ApiProfile? profile)
    {
        var values = ValuesOf(api, profile);
        foreach (var key in values.Keys.ToList())
            values[key] = IsFlag(key) ? Flag(form[key] == "true") : key == "plans" ? string.Join("\n", Chosen(form)) : form[key].ToString();
        return values;
    }

    private static bool IsFlag(string key) => key is "allowInsecureUpstream" or "isPublic" or "forwardAccessToken" or "strictQuery" or "corsCredentials";

    private static string Flag(bool value) => value ? "true" : "";

    /// <summary>The plans ticked (one "plans" value per check box), never typed.</summary>
    public static IReadOnlyList<string> Chosen(IFormCollection form) =>
        form["plans"].Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToList();

    /// <summary>
    /// The change the form proposes (null parts are unchanged), the registration profile as typed, and the problems
    /// found before the registry's own rules are asked.
    /// </summary>
    public static (ProposedChange Change, ProfileDetails Details, FormErrors Errors) Read(IFormCollection form, Api api, string? document, PortalText t)
    {
        var errors = new FormErrors();
        int Whole(string name, int current)
        {
            if (int.TryParse(form[name], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
                return value;
            errors.With(name, "approvals.wholeNumber");
            return current;
        }
        static IReadOnlyList<string> Items(string? text, params char[] separators) =>
            (text ?? "").Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var classification = Enum.TryParse<InformationClassification>(form["classification"], out var c) && Enum.IsDefined(c) ? c : api.Classification;
        var update = new ApiUpdate(
            form["name"].ToString().Trim(), string.IsNullOrWhiteSpace(form["description"]) ? null : form["description"].ToString().Trim(),
            Items(form["upstreamUrls"], '\n', '\r'), form["allowInsecureUpstream"] == "true", document, classification,
            form["isPublic"] == "true", form["forwardAccessToken"] == "true", Items(form["scopes"], ',', ' ', '\n'), Items(form["requiredScopes"], ',', ' ', '\n'),
            api.UpstreamTokenEndpoint is { } endpoint ? new UpstreamOAuthInput(endpoint, api.UpstreamClientId ?? "", null, api.UpstreamScope) : null,
            api.UpstreamTimeout, api.HealthCheckPath is { } path ? new UpstreamHealthCheckInput(path, api.HealthCheckInterval) : null);
        var validation = api.Validation with
        {
            StrictQuery = form["strictQuery"] == "true",
            MaxBodyBytes = Whole("maxBodyBytes", api.Validation.MaxBodyBytes),
            ResponseValidation = Enum.TryParse<ResponseValidationMode>(form["responseValidation"], out var r) && Enum.IsDefined(r) ? r : api.Validation.ResponseValidation,
            AllowedFileTypes = Items(form["allowedFileTypes"], ',', ' ', '\n'),
            MaxFileBytes = Whole("maxFileBytes", api.Validation.MaxFileBytes),
            MaxFilesPerRequest = Whole("maxFilesPerRequest", api.Validation.MaxFilesPerRequest),
            ScannerOutage = Enum.TryParse<ScannerOutageMode>(form["scannerOutage"], out var s) && Enum.IsDefined(s) ? s : api.Validation.ScannerOutage,
        };
        var cors = api.Cors with
        {
            AllowedOrigins = Items(form["corsOrigins"], '\n', '\r', ' ', ','),
            AllowedMethods = Items(form["corsMethods"], ',', ' ').Select(m => m.ToUpperInvariant()).ToList(),
            AllowCredentials = form["corsCredentials"] == "true",
        };
        // Only the parts that differ from what is in force are proposed.
        var change = new ProposedChange(
            ChangeComparison.Between(api, null, new ProposedChange(Api: update), t).Count > 0 ? update : null,
            ChangeComparison.Between(api, null, new ProposedChange(Validation: validation), t).Count > 0 ? validation : null,
            ChangeComparison.Between(api, null, new ProposedChange(Cors: cors), t).Count > 0 ? cors : null);
        var details = new ProfileDetails(form["ownerContact"].ToString(), form["pseRegistrationNumber"].ToString(), form["slaTargetPercent"].ToString(),
            Chosen(form), Items(form["tags"], ','));
        return (change, details, errors);
    }
}
