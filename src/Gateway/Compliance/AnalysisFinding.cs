namespace SpbeConnector.Gateway.Compliance;

/// <summary>One diagnostic of a security rule: the rule, where, what, and for a suppression the justification given.</summary>
public sealed record AnalysisFinding(string Rule, string File, int Line, string Message, string? Justification = null)
{
    public override string ToString() => $"{Rule} at {File}:{Line}";
}
