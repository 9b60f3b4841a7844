namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>The answer of a counter: whether the request fits the rule, what remains, and when the window resets.</summary>
public readonly record struct RateDecision(bool Allowed, long Limit, long Remaining, TimeSpan ResetAfter, bool Degraded = false);
