namespace SpbeConnector.Policies.Sla;

/// <summary>The service level of one API over a window.</summary>
public sealed record SlaApiReport(string Api, string OpdCode, SlaFigures Figures);
