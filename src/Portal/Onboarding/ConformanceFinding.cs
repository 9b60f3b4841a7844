namespace SpbeConnector.Portal.Onboarding;

/// <summary>
/// One finding of the interoperability conformance check: the rule, its weight, where in the document (a JSON
/// pointer, or <c>upstream</c>), and the portal text key of the explanation.
/// </summary>
public sealed record ConformanceFinding(string Rule, ConformanceSeverity Severity, string Location);
