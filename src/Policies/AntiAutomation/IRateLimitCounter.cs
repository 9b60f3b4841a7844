namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// Counts requests against rules, atomically. A refused request is not counted: a client that keeps knocking
/// while limited does not push its own reset further away, nor use up a quota it was refused under.
/// </summary>
public interface IRateLimitCounter
{
    ValueTask<RateDecision> HitAsync(string key, RateLimitRule rule, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one request of <paramref name="subject"/> against every rule at once, or against none: when any rule
    /// refuses, no rule counts the request.
    /// </summary>
    ValueTask<RateBatchDecision> HitAllAsync(string subject, RateLimitRule[] rules, CancellationToken cancellationToken);

    /// <summary>What <paramref name="subject"/> has used of each rule in its current window, without counting anything.</summary>
    ValueTask<RateDecision[]> PeekAllAsync(string subject, RateLimitRule[] rules, CancellationToken cancellationToken);
}
