namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// A limit of <see cref="Limit"/> requests per fixed <see cref="Window"/>, named as it appears in the
/// <c>RateLimit-Policy</c> header. Windows are aligned to the Unix epoch, so every node agrees on when one starts.
/// </summary>
public sealed record RateLimitRule(string Name, long Limit, TimeSpan Window)
{
    public long WindowMilliseconds { get; } = (long)Window.TotalMilliseconds;

    /// <summary>The start of the window containing <paramref name="nowMs"/> (Unix milliseconds).</summary>
    public long WindowStart(long nowMs) => nowMs - nowMs % WindowMilliseconds;
}
