namespace SpbeConnector.Gateway.Metrics;

/// <summary>Bucket counts, sum and count of one histogram series.</summary>
internal sealed class HistogramSeries(double[] bounds)
{
    private readonly long[] _counts = new long[bounds.Length + 1];
    private double _sum;
    private long _count;

    public void Record(double value)
    {
        var i = 0;
        while (i < bounds.Length && value > bounds[i])
            i++;
        Interlocked.Increment(ref _counts[i]);
        Interlocked.Increment(ref _count);
        double current, updated;
        do
        {
            current = Volatile.Read(ref _sum);
            updated = current + value;
        } while (Interlocked.CompareExchange(ref _sum, updated, current) != current);
    }

    public (long[] Cumulative, double Sum, long Count) Snapshot()
    {
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
            cumulative[i] = running += Interlocked.Read(ref _counts[i]);
        return (cumulative, Volatile.Read(ref _sum), Interlocked.Read(ref _count));
    }
}
