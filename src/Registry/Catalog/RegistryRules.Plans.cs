using System.Text.RegularExpressions;
using SpbeConnector.Registry.Messages;

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

    public static RegistryProblems Check(PlanInput input)
    {
        var errors = new RegistryProblems();
        if (!PlanNamePattern().IsMatch(input.Name ?? ""))
            errors.Add("name", RegistryMessages.PlanNameFormat);
        CheckDescription(errors, input.Description);
        CheckLimit(errors, "requestsPerSecond", input.RequestsPerSecond);
        CheckLimit(errors, "requestsPerMinute", input.RequestsPerMinute);
        CheckLimit(errors, "dailyQuota", input.DailyQuota);
        CheckLimit(errors, "monthlyQuota", input.MonthlyQuota);
        if (input.MaxConcurrentRequests is { } concurrency && concurrency is < 1 or > MaxConcurrency)
            errors.Add("maxConcurrentRequests", RegistryMessages.PlanLimitRange, ("max", MaxConcurrency));
        // A longer period allowing fewer requests than a shorter one makes the shorter limit meaningless: most likely a typing error.
        CheckOrder(errors, "requestsPerMinute", input.RequestsPerSecond, input.RequestsPerMinute, RegistryMessages.PlanBelowPerSecond);
        CheckOrder(errors, "dailyQuota", input.RequestsPerMinute ?? input.RequestsPerSecond, input.DailyQuota, RegistryMessages.PlanBelowPerMinute);
        CheckOrder(errors, "monthlyQuota", input.DailyQuota ?? input.RequestsPerMinute ?? input.RequestsPerSecond, input.MonthlyQuota, RegistryMessages.PlanBelowDaily);
        return errors;
    }

    public static RegistryProblems Check(IReadOnlyList<OperationLimitInput>? limits)
    {
        var errors = new RegistryProblems();
        if (limits is null)
        {
            errors.Add("", RegistryMessages.OperationLimitsList);
            return errors;
        }
        if (limits.Count > MaxOperationLimitsPerApi)
            errors.Add("", RegistryMessages.OperationLimitsTooMany, ("max", MaxOperationLimitsPerApi));
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < limits.Count; i++)
        {
            var limit = limits[i];
            var field = $"[{i}]";
            if (limit is null)
            {
                errors.Add(field, RegistryMessages.OperationLimitRequired);
                continue;
            }
            if (!LimitableMethods.Contains(limit.Method ?? ""))
                errors.Add(field + ".method", RegistryMessages.OperationLimitMethod);
            if (!IsPathTemplate(limit.PathTemplate))
                errors.Add(field + ".pathTemplate", RegistryMessages.OperationLimitPath);
            if (limit.RequestsPerMinute is < 1 or > MaxLimit)
                errors.Add(field + ".requestsPerMinute", RegistryMessages.Between, ("min", 1), ("max", MaxLimit));
            if (!seen.Add((limit.Method ?? "", limit.PathTemplate ?? "")))
                errors.Add(field, RegistryMessages.OperationLimitRepeated);
        }
        return errors;
    }

    private static bool IsPathTemplate(string? template)
    {
        if (template is null || template.Length is < 1 or > 1000 || template[0] != '/')
            return false;
        if (template == "/")
            return true;
        return template[1..].Split('/').All(segment => TemplateSegmentPattern().IsMatch(segment));
    }

    private static void CheckLimit(RegistryProblems errors, string field, long? value)
    {
        if (value is { } v && v is < 1 or > MaxLimit)
            errors.Add(field, RegistryMessages.PlanLimitRange, ("max", MaxLimit));
    }

    private static void CheckOrder(RegistryProblems errors, string field, long? shorter, long? longer, RegistryMessage lowerThan)
    {
        if (shorter is { } s && longer is { } l && l < s)
            errors.Add(field, lowerThan, ("value", s));
    }
}
