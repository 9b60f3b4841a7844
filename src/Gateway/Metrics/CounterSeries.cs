namespace SpbeConnector.Gateway.Metrics;

/// <summary>The running total (or, for a gauge, the last value) of one series.</summary>
internal sealed class CounterSeries
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public void Add(double delta)
    {
        double current, updated;
        do
        {
            current = Volatile.Read(ref _value);
            updated = current + delta;
        } while (Interlocked.CompareExchange(ref _value, updated, current) != current);
    }

    public void Set(double value) => Volatile.Write(ref _value, value);
}
