namespace SpbeConnector.Policies.Sla;

/// <summary>Where per-minute counts outlive the process, so that a restart does not lose the 30-day window.</summary>
public interface ISlaStore
{
    /// <summary>Adds the counts to the stored minutes (a minute already stored grows; it is never replaced).</summary>
    Task AddAsync(IReadOnlyCollection<SlaBucket> buckets, CancellationToken ct);

    /// <summary>Per API, the sum of its minutes from <paramref name="fromMinute"/> on.</summary>
    Task<IReadOnlyList<SlaApiTotal>> SumSinceAsync(long fromMinute, CancellationToken ct);

    /// <summary>
    /// The sum of one API's minutes from <paramref name="fromMinute"/> on (an API's catalog page shows its own figure:
    /// summing every API to show one took 0.3 s with 5,000 APIs); no minutes: zero counts.
    /// </summary>
    Task<SlaCounts> SumApiSinceAsync(string apiPath, long fromMinute, CancellationToken ct);

    /// <summary>Forgets minutes before <paramref name="beforeMinute"/>, past the longest window.</summary>
    Task PruneAsync(long beforeMinute, CancellationToken ct);
}
