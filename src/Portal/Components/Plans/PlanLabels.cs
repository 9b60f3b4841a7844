using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.Components.Plans;

/// <summary>The labels of the plan form's fields, for the summary of problems at its top (their keys are not "field.{name}").</summary>
public static class PlanLabels
{
    public static IReadOnlyDictionary<string, string> Of(PortalText t) => new Dictionary<string, string>
    {
        ["requestsPerSecond"] = t["plan.requestsPerSecond"],
        ["requestsPerMinute"] = t["plan.requestsPerMinute"],
        ["dailyQuota"] = t["plan.dailyQuota"],
        ["monthlyQuota"] = t["plan.monthlyQuota"],
        ["maxConcurrentRequests"] = t["plan.maxConcurrentRequests"],
    };
}
