using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.AntiAutomation.Plans;

/// <summary>
/// The compiled rules of the plans and operation limits in force, kept with the snapshot instances they were built
/// from: a plan changed by an administrator comes with the next access snapshot (within a second, on every node)
/// and gets its rules then; nothing is parsed per request.
/// </summary>
public sealed class PlanRules(IOptionsMonitor<AntiAutomationOptions> options)
{
    private readonly ConditionalWeakTable<PlanLimits, PlanRuleSet> _plans = new();
    private readonly ConditionalWeakTable<OperationLimit[], OperationLimitSet> _operations = new();

    public PlanRuleSet For(PlanLimits plan)
    {
        var zone = QuotaTimeZone.Find(options.CurrentValue.QuotaTimeZone) ?? QuotaTimeZone.Default;
        if (_plans.TryGetValue(plan, out var set) && ReferenceEquals(set.QuotaZone, zone))
            return set;
        set = new PlanRuleSet(plan, zone);
        _plans.AddOrUpdate(plan, set);
        return set;
    }

    public OperationLimitSet For(OperationLimit[] limits) => _operations.GetValue(limits, static l => new OperationLimitSet(l));
}
