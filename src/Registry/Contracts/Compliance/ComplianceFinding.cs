namespace SpbeConnector.Registry.Contracts.Compliance;

/// <summary>What a check found on this installation now: a status and the reason in one sentence.</summary>
public sealed record ComplianceFinding(ComplianceStatus Status, string Reason)
{
    public static ComplianceFinding Met(string reason) => new(ComplianceStatus.Met, reason);
    public static ComplianceFinding Partial(string reason) => new(ComplianceStatus.Partial, reason);
    public static ComplianceFinding NotMet(string reason) => new(ComplianceStatus.NotMet, reason);
}
