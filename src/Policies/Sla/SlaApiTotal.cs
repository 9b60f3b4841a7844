namespace SpbeConnector.Policies.Sla;

/// <summary>The counts of one API over a window.</summary>
public sealed record SlaApiTotal(string ApiPath, string OpdCode, SlaCounts Counts);
