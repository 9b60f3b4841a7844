using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>Rules of an API's registration profile (<see cref="ApiProfileUpdate"/>).</summary>
public static partial class RegistryRules
{
    public const int MaxOwnerContactLength = 200;
    public const int MaxPseRegistrationNumberLength = 100;
    public const int MaxOfferedPlans = 20;
    public const int MaxTags = 20;
    public const int MaxTagLength = 40;

    /// <summary>
    /// The profile's problems by field. <paramref name="openPlans"/> are the registry's plans open to subscribers: an
    /// API offers only plans the gateway enforces (the plan chosen in a subscription request becomes its plan).
    /// </summary>
    public static RegistryProblems Check(ApiProfileUpdate input, IReadOnlyCollection<string> openPlans)
    {
        var errors = new RegistryProblems();
        if (string.IsNullOrWhiteSpace(input.OwnerContact) || input.OwnerContact.Trim().Length > MaxOwnerContactLength)
            errors.Add("ownerContact", RegistryMessages.ProfileOwnerContact, ("max", MaxOwnerContactLength));
        if (string.IsNullOrWhiteSpace(input.PseRegistrationNumber) || input.PseRegistrationNumber.Trim().Length > MaxPseRegistrationNumberLength)
            errors.Add("pseRegistrationNumber", RegistryMessages.ProfilePseNumber, ("max", MaxPseRegistrationNumberLength));
        if (input.SlaTargetPercent is not { } sla)
            errors.Add("slaTargetPercent", RegistryMessages.ProfileSlaRequired);
        else if (CheckSlaTarget(sla) is { } slaProblem)
            errors.Add([slaProblem with { Field = "slaTargetPercent" }]);
        if (input.Plans is not { Count: > 0 } plans || plans.Count > MaxOfferedPlans)
            errors.Add("plans", RegistryMessages.ProfilePlansCount, ("max", MaxOfferedPlans));
        else
        {
            foreach (var plan in plans.Where(p => !openPlans.Contains(p, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal))
                errors.Add("plans", RegistryMessages.ProfilePlanNotOpen, ("plan", plan), ("plans", string.Join(", ", openPlans)));
        }
        if (input.Tags is { } tags && (tags.Count > MaxTags || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Trim().Length > MaxTagLength)))
            errors.Add("tags", RegistryMessages.ProfileTags, ("max", MaxTags), ("length", MaxTagLength));
        return errors;
    }
}
