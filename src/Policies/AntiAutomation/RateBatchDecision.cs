namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// The answer for a set of rules counted together: either every rule allowed the request (and each counted it), or
/// <see cref="RefusedIndex"/> names the first rule that refused it and none counted it.
/// </summary>
public readonly record struct RateBatchDecision(int RefusedIndex, RateDecision[] Decisions)
{
    public bool Allowed => RefusedIndex < 0;
}
