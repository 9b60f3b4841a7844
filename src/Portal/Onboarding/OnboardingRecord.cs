using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Onboarding;

/// <summary>An API with its onboarding profile, its conformance findings and every decision taken on it, oldest first.</summary>
public sealed record OnboardingRecord(Api Api, ApiProfile Profile, IReadOnlyList<ConformanceFinding> Findings, IReadOnlyList<OnboardingDecision> Decisions);
