namespace SpbeConnector.Registry.Domain;

/// <summary>One step of an API's onboarding: who did what, when and why (REG-08: review results are documented).</summary>
public sealed class OnboardingDecision
{
    public Guid Id { get; set; }
    public Guid ApiId { get; set; }

    /// <summary>What happened: <c>submitted</c>, <c>approved</c>, <c>rejected</c>, <c>published</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>The review stage decided (<see cref="OnboardingStage"/> name), or null for the publisher's own steps.</summary>
    public string? Stage { get; set; }

    public string Actor { get; set; } = "";
    public string? Notes { get; set; }
    public DateTimeOffset At { get; set; }
}
