namespace SpbeConnector.Policies.Sla;

/// <summary>The service level of all the APIs of one OPD together over a window (requests weighed equally).</summary>
public sealed record SlaOpdReport(string OpdCode, int Apis, SlaFigures Figures);
