namespace SpbeConnector.Gateway.Compliance;

/// <summary>
/// What <c>scripts/analyze.sh</c> found (<c>build/analysis/security.json</c>): the analyzers run, the commit analysed,
/// the findings, the suppressions made in the source with their place, and the dependency check.
/// </summary>
public sealed record SecurityAnalysis(
    string Tool,
    string Commit,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<string> Projects,
    IReadOnlyList<AnalysisFinding> Findings,
    IReadOnlyList<AnalysisFinding> Suppressed,
    DependencyScan Dependencies);
