namespace SpbeConnector.Registry.Storage;

/// <summary>
/// The registry versions this process produced itself. A write made here signals this node's data plane at once; the
/// change monitor's poll then sees the same version arrive in the store and must not signal it again (at 5,000 APIs a
/// second reload of an unchanged registry is a waste, and a burst of writes would cost a reload per poll). The monitor
/// signals a version move only when some version in the step was produced by another process.
/// </summary>
/// <remarks>
/// A version is recorded before its transaction commits, while the transaction holds the store's write lock on the
/// versions row: no other process can commit the same number meanwhile. Should the commit fail, the number is forgotten
/// before the lock is released (see <see cref="RegistryVersions"/>), since another process may then take it.
/// </remarks>
public sealed class LocalVersionBumps
{
    /// <summary>A gap wider than this is not checked number by number: the monitor simply signals.</summary>
    private const long MaxCheckedStep = 100_000;

    private readonly object _gate = new();
    private readonly SortedSet<long> _config = [];
    private readonly SortedSet<long> _access = [];

    internal void Expect(long? config, long? access) => Apply(config, access, (set, v) => set.Add(v));

    internal void Forget(long? config, long? access) => Apply(config, access, (set, v) => set.Remove(v));

    private void Apply(long? config, long? access, Action<SortedSet<long>, long> change)
    {
        lock (_gate)
        {
            if (config is { } c)
                change(_config, c);
            if (access is { } a)
                change(_access, a);
        }
    }

    /// <summary>
    /// Whether every configuration version after <paramref name="seen"/> up to <paramref name="now"/> was produced by
    /// this process; versions up to <paramref name="now"/> are then forgotten (the monitor has seen them).
    /// </summary>
    public bool ConfigStepIsOwn(long seen, long now) => StepIsOwn(_config, seen, now);

    /// <summary>As <see cref="ConfigStepIsOwn"/>, for the access version.</summary>
    public bool AccessStepIsOwn(long seen, long now) => StepIsOwn(_access, seen, now);

    private bool StepIsOwn(SortedSet<long> own, long seen, long now)
    {
        lock (_gate)
        {
            // A version that went backwards (a restored store) or jumped far is never taken as this process's own.
            var allOwn = now > seen && now - seen <= MaxCheckedStep;
            for (var v = seen + 1; allOwn && v <= now; v++)
                allOwn = own.Contains(v);
            own.RemoveWhere(v => v <= now);
            return allOwn;
        }
    }
}
