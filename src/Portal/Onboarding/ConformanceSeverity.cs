namespace SpbeConnector.Portal.Onboarding;

/// <summary>How much a conformance rule weighs: an error blocks submission, a warning is shown only.</summary>
public enum ConformanceSeverity
{
    Off,
    Warning,
    Error,
}
