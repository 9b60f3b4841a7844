using System.Collections.Concurrent;

namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// Window counters in this process's memory: exact for one node, one small lock per key (or per subject, for a set of
/// rules counted together). Expired windows are swept periodically so that counters for many source addresses and
/// clients do not accumulate. The counts of subjects (plans' limits and quotas) can be read and restored, which is how
/// <see cref="DurableRateLimitCounter"/> keeps them across a restart without Redis.
/// </summary>
public sealed class LocalRateLimitCounter(TimeProvider clock) : IRateLimitCounter
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SubjectWindows> _subjects = new(StringComparer.Ordinal);
    private long _nextSweepMs;

    public ValueTask<RateDecision> HitAsync(string key, RateLimitRule rule, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Hit(key, rule, rule.Limit));

    public ValueTask<RateBatchDecision> HitAllAsync(string subject, RateLimitRule[] rules, CancellationToken cancellationToken) =>
        ValueTask.FromResult(HitAll(subject, rules, 1));

    /// <summary>Counts against <paramref name="limit"/> rather than the rule's own (used for a node's share).</summary>
    public RateDecision Hit(string key, RateLimitRule rule, long limit)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        Sweep(now);
        var (start, end) = rule.WindowAt(now);
        var window = _windows.GetOrAdd(key, static _ => new Window());
        var (allowed, count) = window.Hit(start, end, limit);
        return new RateDecision(allowed, limit, allowed ? limit - count : 0, TimeSpan.FromMilliseconds(end - now));
    }

    /// <summary>
    /// Counts one request against every rule of <paramref name="subject"/> at once, each against 1/<paramref name="shareOf"/>
    /// of its limit: if any rule refuses, none counts it, so a request refused by the minute limit does not use the
    /// daily quota, and one refused by the quota does not use the minute.
    /// </summary>
    public RateBatchDecision HitAll(string subject, RateLimitRule[] rules, int shareOf)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        Sweep(now);
        var decisions = new RateDecision[rules.Length];
        while (true)
        {
            var state = _subjects.GetOrAdd(subject, static _ => new SubjectWindows());
            lock (state)
            {
                if (state.Removed)
                    continue; // swept between the look-up and the lock: count in its successor
                return HitAll(state, rules, shareOf, now, decisions);
            }
        }
    }

    private static RateBatchDecision HitAll(SubjectWindows state, RateLimitRule[] rules, int shareOf, long now, RateDecision[] decisions)
    {
        {
            var refused = -1;
            for (var i = 0; i < rules.Length; i++)
            {
                var rule = rules[i];
                var limit = Share(rule.Limit, shareOf);
                var (start, end) = rule.WindowAt(now);
                var window = state.For(rule.Name);
                var count = window.CountIn(start, end);
                decisions[i] = new RateDecision(count < limit, limit, Math.Max(0, limit - count), TimeSpan.FromMilliseconds(end - now));
                if (count >= limit && refused < 0)
                    refused = i;
            }
            if (refused >= 0)
            {
                for (var i = 0; i < decisions.Length; i++)
                    decisions[i] = decisions[i] with { Remaining = i == refused ? 0 : decisions[i].Remaining };
                return new RateBatchDecision(refused, decisions);
            }
            for (var i = 0; i < rules.Length; i++)
            {
                state.For(rules[i].Name).Increment();
                decisions[i] = decisions[i] with { Remaining = decisions[i].Remaining - 1 };
            }
            return new RateBatchDecision(-1, decisions);
        }
    }

    public ValueTask<RateDecision[]> PeekAllAsync(string subject, RateLimitRule[] rules, CancellationToken cancellationToken) =>
        ValueTask.FromResult(PeekAll(subject, rules, 1));

    /// <summary>The use of each rule by <paramref name="subject"/> in its current window, counting nothing.</summary>
    public RateDecision[] PeekAll(string subject, RateLimitRule[] rules, int shareOf)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        _subjects.TryGetValue(subject, out var state);
        var decisions = new RateDecision[rules.Length];
        for (var i = 0; i < rules.Length; i++)
        {
            var limit = Share(rules[i].Limit, shareOf);
            var (start, end) = rules[i].WindowAt(now);
            long count = 0;
            if (state is not null)
            {
                lock (state)
                    count = state.For(rules[i].Name).CountIn(start, end);
            }
            decisions[i] = new RateDecision(count < limit, limit, Math.Max(0, limit - count), TimeSpan.FromMilliseconds(end - now));
        }
        return decisions;
    }

    /// <summary>The windows of <paramref name="subject"/>'s rules as they stand: rule name, start, end (exclusive), count.</summary>
    public List<(string Rule, long Start, long End, long Count)> WindowsOf(string subject)
    {
        var windows = new List<(string, long, long, long)>();
        if (!_subjects.TryGetValue(subject, out var state))
            return windows;
        lock (state)
        {
            foreach (var (rule, window) in state.All)
                windows.Add((rule, window.Start, window.End, window.Count));
        }
        return windows;
    }

    /// <summary>Sets the count of one window of <paramref name="subject"/>, as saved before a restart.</summary>
    public void Restore(string subject, string rule, long start, long end, long count)
    {
        while (true)
        {
            var state = _subjects.GetOrAdd(subject, static _ => new SubjectWindows());
            lock (state)
            {
                if (state.Removed)
                    continue;
                state.For(rule).Set(start, end, count);
                return;
            }
        }
    }

    /// <summary>A node's share of a limit when it cannot count with the others: rounded up, at least 1.</summary>
    public static long Share(long limit, int nodes) => nodes <= 1 ? limit : Math.Max(1, (limit + nodes - 1) / nodes);

    private void Sweep(long now)
    {
        var next = Interlocked.Read(ref _nextSweepMs);
        if (now < next || Interlocked.CompareExchange(ref _nextSweepMs, now + 60_000, next) != next)
            return;
        foreach (var (key, window) in _windows)
        {
            // A window ended a day ago belongs to a source that went away. (Not sooner: a request holding the window
            // just removed would count where nobody looks.)
            if (window.End < now - 86_400_000)
                _windows.TryRemove(key, out _);
        }
        foreach (var (subject, state) in _subjects)
        {
            lock (state)
            {
                if (state.AllEndedBy(now))
                {
                    state.Removed = true;
                    _subjects.TryRemove(subject, out _);
                }
            }
        }
    }

    private sealed class Window
    {
        private long _start = long.MinValue;
        private long _end = long.MinValue;
        private long _count;

        public long End => Volatile.Read(ref _end);

        /// <summary>The start and count of the window last opened. Read under the owner's lock.</summary>
        public long Start => _start;

        public long Count => _count;

        /// <summary>Opens a window with a count already in it. Call under the owner's lock.</summary>
        public void Set(long start, long end, long count)
        {
            _start = start;
            Volatile.Write(ref _end, end);
            _count = count;
        }

        public (bool Allowed, long Count) Hit(long start, long end, long limit)
        {
            lock (this)
            {
                var count = CountIn(start, end);
                if (count >= limit)
                    return (false, count);
                _count++;
                return (true, _count);
            }
        }

        /// <summary>The count of the window starting at <paramref name="start"/>, opening it if another was open. Call under a lock.</summary>
        public long CountIn(long start, long end)
        {
            if (_start != start)
            {
                _start = start;
                Volatile.Write(ref _end, end);
                _count = 0;
            }
            return _count;
        }

        public void Increment() => _count++;
    }

    private sealed class SubjectWindows
    {
        private readonly Dictionary<string, Window> _byRule = new(StringComparer.Ordinal);

        public bool Removed;

        public Window For(string rule)
        {
            if (!_byRule.TryGetValue(rule, out var window))
                _byRule[rule] = window = new Window();
            return window;
        }

        public bool AllEndedBy(long now) => _byRule.Values.All(w => w.End <= now);

        public IEnumerable<KeyValuePair<string, Window>> All => _byRule;
    }
}
