using System.Collections.Concurrent;

namespace SpbeConnector.Gateway.Metrics;

/// <summary>The time series of one instrument, found by their labels without allocating once they exist.</summary>
internal sealed class SeriesTable<TValue> where TValue : class
{
    private readonly ConcurrentDictionary<int, List<(MetricTags Tags, TValue Value)>> _byHash = new();
    private readonly Func<TValue> _create;

    public SeriesTable(Func<TValue> create) => _create = create;

    public TValue Get(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var bucket = _byHash.GetOrAdd(MetricTags.Hash(tags), static _ => new List<(MetricTags, TValue)>(1));
        lock (bucket)
        {
            foreach (var (existing, value) in bucket)
            {
                if (existing.Matches(tags))
                    return value;
            }
            var created = _create();
            bucket.Add((new MetricTags(tags), created));
            return created;
        }
    }

    public IEnumerable<(MetricTags Tags, TValue Value)> All()
    {
        foreach (var bucket in _byHash.Values)
        {
            lock (bucket)
            {
                foreach (var entry in bucket.ToArray())
                    yield return entry;
            }
        }
    }
}
