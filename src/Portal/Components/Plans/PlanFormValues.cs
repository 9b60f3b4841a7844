using System.Globalization;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.Components.Plans;

/// <summary>
/// A plan as typed in the portal's form: the texts kept as typed (a refused form comes back unchanged), read into the
/// admin API's <see cref="PlanInput"/> so that the registry's plan rules decide, as for <c>POST /admin/v1/plans</c>.
/// An empty limit is no limit; a limit that is not a whole number is refused here, beside its field.
/// </summary>
public sealed record PlanFormValues(
    string Name,
    string Description,
    string RequestsPerSecond,
    string RequestsPerMinute,
    string DailyQuota,
    string MonthlyQuota,
    string MaxConcurrentRequests,
    bool AdministratorOnly)
{
    public static PlanFormValues Empty { get; } = new("", "", "", "", "", "", "", false);

    public static PlanFormValues From(IFormCollection form, string? name = null) => new(
        name ?? form["name"].ToString().Trim(), form["description"].ToString(), form["requestsPerSecond"].ToString(), form["requestsPerMinute"].ToString(),
        form["dailyQuota"].ToString(), form["monthlyQuota"].ToString(), form["maxConcurrentRequests"].ToString(), form["administratorOnly"] == "true");

    /// <summary>The plan's stored limits written as the form shows them (digits only, so that they read back exactly).</summary>
    public static PlanFormValues From(Registry.Domain.Plan plan) => new(
        plan.Name, plan.Description ?? "", Digits(plan.RequestsPerSecond), Digits(plan.RequestsPerMinute), Digits(plan.DailyQuota),
        Digits(plan.MonthlyQuota), Digits(plan.MaxConcurrentRequests), plan.AdministratorOnly);

    /// <summary>The admin API's input, or the fields that are not whole numbers.</summary>
    public PlanInput ToInput(FormErrors errors) => new(
        Name, string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(), Number("requestsPerSecond", RequestsPerSecond, errors),
        Number("requestsPerMinute", RequestsPerMinute, errors), Number("dailyQuota", DailyQuota, errors), Number("monthlyQuota", MonthlyQuota, errors),
        Number("maxConcurrentRequests", MaxConcurrentRequests, errors) is { } concurrency ? (int)Math.Min(concurrency, int.MaxValue) : null, AdministratorOnly);

    private static long? Number(string field, string text, FormErrors errors)
    {
        // Digit grouping typed in either language (1.000 or 1,000) is accepted: a limit is a whole number.
        var digits = text.Trim().Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length == 0)
            return null;
        if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return value;
        errors.With(field, "plan.numberInvalid");
        return null;
    }

    private static string Digits(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
