namespace SpbeConnector.Registry.Contracts.Compliance;

/// <summary>
/// What a check found on this installation now: a status and the reason in one sentence, in English
/// (<see cref="Reason"/>, beside the settings it names) and in Bahasa Indonesia (<see cref="ReasonId"/>, what the
/// portal and the printed report show first). Both are required: a reviewer must not get an untranslated reason.
/// </summary>
public sealed record ComplianceFinding(ComplianceStatus Status, string Reason, string ReasonId)
{
    public static ComplianceFinding Met(string reason, string reasonId) => new(ComplianceStatus.Met, reason, reasonId);
    public static ComplianceFinding Partial(string reason, string reasonId) => new(ComplianceStatus.Partial, reason, reasonId);
    public static ComplianceFinding NotMet(string reason, string reasonId) => new(ComplianceStatus.NotMet, reason, reasonId);
}
