using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.AntiAutomation.Plans;

/// <summary>
/// The counting rules of one plan, built once per plan as loaded (a changed plan arrives as a new instance with the
/// next access snapshot). The rule names are the same for every plan, so moving a subscription to another plan keeps
/// what it has already used today and this month.
/// </summary>
public sealed class PlanRuleSet
{
    public const string PerSecond = "client-second";
    public const string PerMinute = "client-minute";
    public const string Daily = "client-day";
    public const string Monthly = "client-month";

    public PlanRuleSet(PlanLimits plan, TimeZoneInfo quotaZone)
    {
        PlanName = plan.Name;
        QuotaZone = quotaZone;
        MaxConcurrentRequests = plan.MaxConcurrentRequests;
        var rules = new List<RateLimitRule>(4);
        if (plan.RequestsPerSecond is { } second)
            rules.Add(new RateLimitRule(PerSecond, second, TimeSpan.FromSeconds(1)));
        if (plan.RequestsPerMinute is { } minute)
            rules.Add(new RateLimitRule(PerMinute, minute, TimeSpan.FromMinutes(1)));
        if (plan.DailyQuota is { } day)
            rules.Add(RateLimitRule.Calendar(Daily, day, RateLimitPeriod.CalendarDay, quotaZone));
        if (plan.MonthlyQuota is { } month)
            rules.Add(RateLimitRule.Calendar(Monthly, month, RateLimitPeriod.CalendarMonth, quotaZone));
        Rules = rules.ToArray();
    }

    public string PlanName { get; }

    public TimeZoneInfo QuotaZone { get; }

    /// <summary>The plan's rate limits and quotas, shortest window first; empty for a plan without any (Unlimited).</summary>
    public RateLimitRule[] Rules { get; }

    public int? MaxConcurrentRequests { get; }
}
