namespace SpbeConnector.Policies.Sla;

/// <summary>The live counts of one API in one minute, incremented without locks by the requests that end in it.</summary>
internal sealed class SlaMinuteCounters(string opdCode)
{
    private long _total;
    private long _failed;
    private long _slow;

    public string OpdCode { get; } = opdCode;

    public void Add(SlaOutcome outcome)
    {
        Interlocked.Increment(ref _total);
        if (outcome == SlaOutcome.Failed)
            Interlocked.Increment(ref _failed);
        else if (outcome == SlaOutcome.Slow)
            Interlocked.Increment(ref _slow);
    }

    /// <summary>
    /// Takes the counts gathered so far and starts again from zero. A request ending meanwhile lands either in this
    /// take or the next: the stored minute adds both, so nothing is lost.
    /// </summary>
    public SlaCounts Take() => new(Interlocked.Exchange(ref _total, 0), Interlocked.Exchange(ref _failed, 0), Interlocked.Exchange(ref _slow, 0));
}
