using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.AntiAutomation.Plans;

/// <summary>
/// The per-operation limits of one API, compiled once per access snapshot: each a method (or <c>*</c>) and a path
/// template whose <c>{name}</c> segments match any one segment. Every matching limit applies.
/// </summary>
public sealed class OperationLimitSet
{
    private readonly Entry[] _entries;

    public OperationLimitSet(OperationLimit[] limits) =>
        _entries = limits.Select(l => new Entry(
            l.Method,
            l.PathTemplate == "/" ? [] : l.PathTemplate[1..].Split('/').Select(s => s.StartsWith('{') ? null : s).ToArray(),
            new RateLimitRule($"operation:{l.Method} {l.PathTemplate}", l.RequestsPerMinute, TimeSpan.FromMinutes(1)))).ToArray();

    /// <summary>The rule of every operation limit, in the order registered.</summary>
    public RateLimitRule[] Rules => _entries.Select(e => e.Rule).ToArray();

    /// <summary>The plan's rules followed by those of every operation limit matching the request; <paramref name="planRules"/> itself when none matches.</summary>
    public RateLimitRule[] AddMatching(RateLimitRule[] planRules, string method, string relativePath)
    {
        List<RateLimitRule>? matched = null;
        string[]? segments = null;
        foreach (var entry in _entries)
        {
            if (entry.Method != "*" && !string.Equals(entry.Method, method, StringComparison.Ordinal))
                continue;
            segments ??= relativePath.Length <= 1 ? [] : relativePath.TrimStart('/').Split('/');
            if (entry.Matches(segments))
                (matched ??= new List<RateLimitRule>(planRules)).Add(entry.Rule);
        }
        return matched?.ToArray() ?? planRules;
    }

    private sealed record Entry(string Method, string?[] Segments, RateLimitRule Rule)
    {
        public bool Matches(string[] path)
        {
            if (path.Length != Segments.Length)
                return false;
            for (var i = 0; i < path.Length; i++)
            {
                if (Segments[i] is { } literal ? !string.Equals(literal, path[i], StringComparison.Ordinal) : path[i].Length == 0)
                    return false;
            }
            return true;
        }
    }
}
