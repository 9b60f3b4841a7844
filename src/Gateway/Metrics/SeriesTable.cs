using System.Collections.Concurrent;

namespace SpbeConnector.Gateway.Metrics;

/// <summary>
/// The time series of one instrument, found by their labels. Measured on every request (several instruments each),
/// so a series that exists is found without a lock and without allocating: each hash bucket is an array replaced,
/// never changed, when a series is added.
/// </summary>
internal sealed class SeriesTable<TValue> where TValue : class
{
    private readonly ConcurrentDictionary<int, (MetricTags Tags, TValue Value)[]> _byHash = new();
    private readonly Func<TValue> _create;
    private readonly Lock _adding = new();

    public SeriesTable(Func<TValue> create) => _create = create;

    public TValue Get(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = MetricTags.Hash(tags);
        if (_byHash.TryGetValue(hash, out var bucket) && Find(bucket, tags) is { } found)
            return found;
        lock (_adding)
        {
            bucket = _byHash.GetValueOrDefault(hash, []);
            if (Find(bucket, tags) is { } added)
                return added;
            var created = _create();
            _byHash[hash] = [.. bucket, (new MetricTags(tags), created)];
            return created;
        }
    }

    public IEnumerable<(MetricTags Tags, TValue Value)> All()
    {
        foreach (var bucket in _byHash.Values)
        {
            foreach (var entry in bucket)
                yield return entry;
        }
    }

    private static TValue? Find((MetricTags Tags, TValue Value)[] bucket, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var (existing, value) in bucket)
        {
            if (existing.Matches(tags))
                return value;
        }
        return null;
    }
}
