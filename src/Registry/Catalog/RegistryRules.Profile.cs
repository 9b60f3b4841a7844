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
    public static Dictionary<string, string[]> Check(ApiProfileUpdate input, IReadOnlyCollection<string> openPlans)
    {
        var errors = new ErrorList();
        if (string.IsNullOrWhiteSpace(input.OwnerContact) || input.OwnerContact.Trim().Length > MaxOwnerContactLength)
            errors.Add("ownerContact", $"is required (at most {MaxOwnerContactLength} characters): who answers for the API (name, e-mail or telephone)");
        if (string.IsNullOrWhiteSpace(input.PseRegistrationNumber) || input.PseRegistrationNumber.Trim().Length > MaxPseRegistrationNumberLength)
            errors.Add("pseRegistrationNumber", $"is required (at most {MaxPseRegistrationNumberLength} characters): the Penyelenggara Sistem Elektronik registration number");
        if (input.SlaTargetPercent is not { } sla)
            errors.Add("slaTargetPercent", "is required: the availability the OPD promises, in percent (at least 95)");
        else if (CheckSlaTarget(sla) is { } slaProblem)
            errors.Add("slaTargetPercent", slaProblem);
        if (input.Plans is not { Count: > 0 } plans || plans.Count > MaxOfferedPlans)
            errors.Add("plans", $"must name 1 to {MaxOfferedPlans} of the registry's plans open to subscribers");
        else
        {
            foreach (var plan in plans.Where(p => !openPlans.Contains(p, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal))
                errors.Add("plans", $"'{plan}' is not a plan open to subscribers; the registry's are: {string.Join(", ", openPlans)}");
        }
        if (input.Tags is { } tags && (tags.Count > MaxTags || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Trim().Length > MaxTagLength)))
            errors.Add("tags", $"must be at most {MaxTags} non-empty tags of at most {MaxTagLength} characters");
        return errors.ToDictionary();
    }
}
