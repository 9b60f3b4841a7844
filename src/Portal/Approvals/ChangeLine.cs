namespace SpbeConnector.Portal.Approvals;

/// <summary>One setting a change request would change: its label (a text key), the value in force and the value proposed, as shown.</summary>
public sealed record ChangeLine(string Label, string Current, string Proposed);
