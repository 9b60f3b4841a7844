namespace SpbeConnector.Policies.Sla;

/// <summary>Counts of requests of one API over some span of time.</summary>
public readonly record struct SlaCounts(long Total, long Failed, long Slow)
{
    public long Good => Total - Failed - Slow;

    /// <summary>Share of requests answered well, or null without traffic (no traffic is no evidence either way).</summary>
    public double? Availability => Total == 0 ? null : (double)Good / Total;

    public static SlaCounts operator +(SlaCounts a, SlaCounts b) => new(a.Total + b.Total, a.Failed + b.Failed, a.Slow + b.Slow);
}
