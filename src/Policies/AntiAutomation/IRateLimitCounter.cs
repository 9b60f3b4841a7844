namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// Counts requests against a rule, atomically. A refused request is not counted: a client that keeps knocking
/// while limited does not push its own reset further away.
/// </summary>
public interface IRateLimitCounter
{
    ValueTask<RateDecision> HitAsync(string key, RateLimitRule rule, CancellationToken cancellationToken);
}
