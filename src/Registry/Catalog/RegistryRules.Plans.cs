using System.Text.RegularExpressions;

namespace SpbeConnector.Registry.Catalog;

/// <summary>Rules of plans and per-operation limits (Pasal 59 ayat (13) huruf c-e: limits that can actually be enforced).</summary>
public static partial class RegistryRules
{
    public const long MaxLimit = 1_000_000_000_000;
    public const int MaxConcurrency = 100_000;
    public const int MaxOperationLimitsPerApi = 100;

    private static readonly HashSet<string> LimitableMethods = new(StringComparer.Ordinal) { "*", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex PlanNamePattern();

    /// <summary>One path segment: literal characters of a URL path, or a whole <c>{name}</c> parameter.</summary>
    [GeneratedRegex(@"^([A-Za-z0-9._~!$&'()*+,;=:@%-]+|\{[A-Za-z0-9_.-]+\})$")]
    private static partial Regex TemplateSegmentPattern();

    public static Dictionary<string, string[]> Check(PlanInput input)
    {
        var errors = new ErrorList();
        if (!PlanNamePattern().IsMatch(input.Name ?? ""))
            errors.Add("name", "must be 1 to 64 letters, digits, dots, hyphens or underscores, such as Gold or opd-internal");
        CheckDescription(errors, input.Description);
        CheckLimit(errors, "requestsPerSecond", input.RequestsPerSecond);
        CheckLimit(errors, "requestsPerMinute", input.RequestsPerMinute);
        CheckLimit(errors, "dailyQuota", input.DailyQuota);
        CheckLimit(errors, "monthlyQuota", input.MonthlyQuota);
        if (input.MaxConcurrentRequests is { } concurrency && concurrency is < 1 or > MaxConcurrency)
            errors.Add("maxConcurrentRequests", $"must be between 1 and {MaxConcurrency}, or null for no limit");
        // A longer period allowing fewer requests than a shorter one makes the shorter limit meaningless: most likely a typing error.
        CheckOrder(errors, "requestsPerMinute", input.RequestsPerSecond, input.RequestsPerMinute, "requestsPerSecond");
        CheckOrder(errors, "dailyQuota", input.RequestsPerMinute ?? input.RequestsPerSecond, input.DailyQuota, "the per-minute or per-second limit");
        CheckOrder(errors, "monthlyQuota", input.DailyQuota ?? input.RequestsPerMinute ?? input.RequestsPerSecond, input.MonthlyQuota, "the daily quota or shorter limits");
        return errors.ToDictionary();
    }

    public static Dictionary<string, string[]> Check(IReadOnlyList<OperationLimitInput>? limits)
    {
        var errors = new ErrorList();
        if (limits is null)
        {
            errors.Add("", "must be a list of operation limits (an empty list removes them all)");
            return errors.ToDictionary();
        }
        if (limits.Count > MaxOperationLimitsPerApi)
            errors.Add("", $"at most {MaxOperationLimitsPerApi} operation limits per API");
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < limits.Count; i++)
        {
            var limit = limits[i];
            var field = $"[{i}]";
            if (limit is null)
            {
                errors.Add(field, "must be an operation limit");
                continue;
            }
            if (!LimitableMethods.Contains(limit.Method ?? ""))
                errors.Add(field + ".method", "must be GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or * (upper case)");
            if (!IsPathTemplate(limit.PathTemplate))
                errors.Add(field + ".pathTemplate", "must start with / and name path segments relative to the API's base path, {name} standing for one segment, such as /penduduk/{nik}");
            if (limit.RequestsPerMinute is < 1 or > MaxLimit)
                errors.Add(field + ".requestsPerMinute", $"must be between 1 and {MaxLimit}");
            if (!seen.Add((limit.Method ?? "", limit.PathTemplate ?? "")))
                errors.Add(field, "repeats an operation already listed");
        }
        return errors.ToDictionary();
    }

    private static bool IsPathTemplate(string? template)
    {
        if (template is null || template.Length is < 1 or > 1000 || template[0] != '/')
            return false;
        if (template == "/")
            return true;
        return template[1..].Split('/').All(segment => TemplateSegmentPattern().IsMatch(segment));
    }

    private static void CheckLimit(ErrorList errors, string field, long? value)
    {
        if (value is { } v && v is < 1 or > MaxLimit)
            errors.Add(field, $"must be between 1 and {MaxLimit}, or null for no limit");
    }

    private static void CheckOrder(ErrorList errors, string field, long? shorter, long? longer, string shorterName)
    {
        if (shorter is { } s && longer is { } l && l < s)
            errors.Add(field, $"must not be lower than {shorterName} ({s})");
    }
}
