namespace SpbeConnector.Registry.Domain;

/// <summary>
/// What the portal's onboarding adds to an API: its catalog metadata (REG-01 owner contact, REG-04 PSE registration,
/// SLA, plans, tags) and its place in the feasibility review. One per API, keyed by the API's id.
/// </summary>
public sealed class ApiProfile
{
    public Guid ApiId { get; set; }
    public Api? Api { get; set; }

    /// <summary>Who answers for the API (name, e-mail or telephone).</summary>
    public string OwnerContact { get; set; } = "";

    /// <summary>Penyelenggara Sistem Elektronik Lingkup Publik registration number (REG-04: before approval for use).</summary>
    public string PseRegistrationNumber { get; set; } = "";

    /// <summary>The availability the OPD commits to, in percent (for example 99.5).</summary>
    public decimal SlaTargetPercent { get; set; }

    /// <summary>The plans offered to subscribers, by name (for example "Bronze 1000/menit").</summary>
    public List<string> Plans { get; set; } = new();

    public List<string> Tags { get; set; } = new();

    public OnboardingStage Stage { get; set; } = OnboardingStage.Draft;

    /// <summary>The findings of the interoperability conformance check at the last submission, as JSON.</summary>
    public string? ConformanceFindings { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
