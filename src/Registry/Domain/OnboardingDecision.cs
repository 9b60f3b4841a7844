namespace SpbeConnector.Registry.Domain;

/// <summary>One step of an API's onboarding: who did what, when and why (REG-08: review results are documented).</summary>
public sealed class OnboardingDecision
{
    public Guid Id { get; set; }
    public Guid ApiId { get; set; }

    /// <summary>What happened: <c>submitted</c>, <c>approved</c>, <c>rejected</c>, <c>published</c>, <c>change-requested</c>, <c>change-applied</c>, <c>withdrawn</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>The review stage decided (<see cref="OnboardingStage"/> name), or null for the publisher's own steps.</summary>
    public string? Stage { get; set; }

    /// <summary>Who acted, as shown (a username or a client id).</summary>
    public string Actor { get; set; } = "";

    /// <summary>The stable identifier of who acted (four eyes compares these); null on rows older than the approval workflow.</summary>
    public string? ActorId { get; set; }

    /// <summary>The <see cref="ApprovalRequest"/> decided, or null for steps outside a request.</summary>
    public Guid? RequestId { get; set; }

    /// <summary>An external authority's decision: its letter number, date, issuer and the SHA-256 of the signed document.</summary>
    public string? LetterNumber { get; set; }
    public DateOnly? LetterDate { get; set; }
    public string? LetterIssuer { get; set; }
    public string? LetterSha256 { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset At { get; set; }
}
