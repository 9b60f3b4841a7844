namespace SpbeConnector.Gateway.Compliance;

/// <summary>
/// Whether the dependencies were checked for known vulnerabilities, against which sources, what was found, and why
/// not when they were not (a package source that publishes no vulnerability database).
/// </summary>
public sealed record DependencyScan(bool Checked, IReadOnlyList<string> Sources, IReadOnlyList<VulnerablePackage> Vulnerable, string Reason);
