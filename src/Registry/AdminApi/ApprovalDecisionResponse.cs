using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>One step on an approval request: who did what, when, with which notes, and an external decision's letter.</summary>
public sealed record ApprovalDecisionResponse(
    Guid Id, string Action, string? Stage, string Actor, string? ActorId, string? Notes, DateTimeOffset At,
    string? LetterNumber, DateOnly? LetterDate, string? LetterIssuer, string? LetterSha256)
{
    public static ApprovalDecisionResponse From(OnboardingDecision d) =>
        new(d.Id, d.Action, d.Stage, d.Actor, d.ActorId, d.Notes, d.At, d.LetterNumber, d.LetterDate, d.LetterIssuer, d.LetterSha256);
}
