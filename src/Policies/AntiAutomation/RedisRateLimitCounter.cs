using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpbeConnector.Policies.AntiAutomation.Alerts;
using StackExchange.Redis;

namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// Limits exact across every gateway node: one atomic server-side script per request counts in the window's key
/// in Redis, and refuses without counting. When Redis cannot be reached the node falls back to its own share of the
/// limit (limit / expected nodes), raises an alert, and never answers 5xx because of it; it returns to the shared
/// count as soon as Redis answers again.
/// </summary>
public sealed partial class RedisRateLimitCounter : IRateLimitCounter, IDisposable
{
    // KEYS[1]: the window's counter. ARGV[1]: limit. ARGV[2]: expiry in ms.
    private const string Script = """
        local count = tonumber(redis.call('GET', KEYS[1]) or '0')
        if count >= tonumber(ARGV[1]) then
          return {0, count}
        end
        count = redis.call('INCR', KEYS[1])
        if count == 1 then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return {1, count}
        """;

    // KEYS[i]: the counter of rule i in its current window. ARGV[2i-1]: its limit. ARGV[2i]: its expiry in ms.
    // Every rule is checked before any is counted: a request refused by one rule is counted by none.
    private const string BatchScript = """
        local counts = {}
        for i = 1, #KEYS do
          local count = tonumber(redis.call('GET', KEYS[i]) or '0')
          if count >= tonumber(ARGV[2 * i - 1]) then
            local refused = {0, i}
            for j = 1, #KEYS do
              refused[j + 2] = tonumber(redis.call('GET', KEYS[j]) or '0')
            end
            return refused
          end
        end
        local result = {1, 0}
        for i = 1, #KEYS do
          local count = redis.call('INCR', KEYS[i])
          if count == 1 then
            redis.call('PEXPIRE', KEYS[i], ARGV[2 * i])
          end
          result[i + 2] = count
        end
        return result
        """;

    private const string PeekScript = "return redis.call('MGET', unpack(KEYS))";

    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMilliseconds(500);

    private readonly ConnectionMultiplexer _redis;
    private readonly LocalRateLimitCounter _fallback;
    private readonly AlertHub _alerts;
    private readonly TimeProvider _clock;
    private readonly ILogger<RedisRateLimitCounter> _logger;
    private readonly int _nodes;
    private long _skipUntilMs;
    private int _degraded;

    public RedisRateLimitCounter(IOptions<AntiAutomationOptions> options, LocalRateLimitCounter fallback, AlertHub alerts, TimeProvider clock, ILogger<RedisRateLimitCounter> logger)
    {
        _redis = ConnectionMultiplexer.Connect(RedisConnectionSettings.For(options.Value.Redis!));
        _fallback = fallback;
        _alerts = alerts;
        _clock = clock;
        _logger = logger;
        _nodes = options.Value.ExpectedNodes;
    }

    public bool IsDegraded => Volatile.Read(ref _degraded) == 1;

    public async ValueTask<RateDecision> HitAsync(string key, RateLimitRule rule, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var (start, end) = rule.WindowAt(now);
        if (await TryEvaluateAsync(Script, [(RedisKey)$"spbe:rl:{rule.Name}:{key}:{start}"], [rule.Limit, end - now + 1000], cancellationToken)
            is { } answer)
        {
            var result = (RedisResult[])answer!;
            var allowed = (long)result[0] == 1;
            var count = (long)result[1];
            return new RateDecision(allowed, rule.Limit, allowed ? rule.Limit - count : 0, TimeSpan.FromMilliseconds(end - now));
        }
        return _fallback.Hit(key, rule, LocalRateLimitCounter.Share(rule.Limit, _nodes)) with { Degraded = true };
    }

    public async ValueTask<RateBatchDecision> HitAllAsync(string subject, RateLimitRule[] rules, CancellationToken cancellationToken)
    {
        if (rules.Length == 0)
            return new RateBatchDecision(-1, []);
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var keys = new RedisKey[rules.Length];
        var args = new RedisValue[rules.Length * 2];
        var ends = new long[rules.Length];
        for (var i = 0; i < rules.Length; i++)
        {
            var (start, end) = rules[i].WindowAt(now);
            ends[i] = end;
            keys[i] = SubjectKey(subject, rules[i], start);
            args[2 * i] = rules[i].Limit;
            args[2 * i + 1] = end - now + 60_000;
        }
        if (await TryEvaluateAsync(BatchScript, keys, args, cancellationToken) is { } answer)
        {
            var result = (RedisResult[])answer!;
            var allowed = (long)result[0] == 1;
            var decisions = new RateDecision[rules.Length];
            for (var i = 0; i < rules.Length; i++)
            {
                var count = (long)result[i + 2];
                var limit = rules[i].Limit;
                decisions[i] = new RateDecision(allowed || count < limit, limit, Math.Max(0, limit - count), TimeSpan.FromMilliseconds(ends[i] - now));
            }
            return new RateBatchDecision(allowed ? -1 : (int)(long)result[1] - 1, decisions);
        }
        var fallback = _fallback.HitAll(subject, rules, _nodes);
        for (var i = 0; i < fallback.Decisions.Length; i++)
            fallback.Decisions[i] = fallback.Decisions[i] with { Degraded = true };
        return fallback;
    }

    public async ValueTask<RateDecision[]> PeekAllAsync(string subject, RateLimitRule[] rules, CancellationToken cancellationToken)
    {
        if (rules.Length == 0)
            return []; // MGET needs a key
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var windows = rules.Select(r => r.WindowAt(now)).ToArray();
        var keys = rules.Select((r, i) => SubjectKey(subject, r, windows[i].Start)).ToArray();
        var answer = await TryEvaluateAsync(PeekScript, keys, [], cancellationToken);
        if (answer is null)
            return _fallback.PeekAll(subject, rules, _nodes).Select(d => d with { Degraded = true }).ToArray();
        var counts = (RedisResult[])answer!;
        return rules.Select((r, i) =>
        {
            var count = counts[i].IsNull ? 0 : (long)counts[i];
            return new RateDecision(count < r.Limit, r.Limit, Math.Max(0, r.Limit - count), TimeSpan.FromMilliseconds(windows[i].End - now));
        }).ToArray();
    }

    // The subject in braces is a Redis Cluster hash tag: one subject's counters live in one slot, as a script needs.
    private static RedisKey SubjectKey(string subject, RateLimitRule rule, long windowStart) => $"spbe:rl:{{{subject}}}:{rule.Name}:{windowStart}";

    /// <summary>
    /// Runs <paramref name="script"/> in Redis unless Redis is known to be unreachable. Null when it is (or just
    /// failed): the caller falls back to this node's share; the first failure raises the alert, the first success
    /// after it the recovery.
    /// </summary>
    internal async ValueTask<RedisResult?> TryEvaluateAsync(string script, RedisKey[] keys, RedisValue[] args, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (now >= Interlocked.Read(ref _skipUntilMs) && _redis.IsConnected)
        {
            try
            {
                var result = await _redis.GetDatabase().ScriptEvaluateAsync(script, keys, args).WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
                Recovered();
                return result;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                Interlocked.Exchange(ref _skipUntilMs, now + (long)RetryAfterFailure.TotalMilliseconds);
                Degrade(ex);
                return null;
            }
        }
        Degrade(null);
        return null;
    }

    /// <summary>Sends a command without waiting for it (giving back a lease); a failure only delays what the lease's expiry repairs.</summary>
    internal void FireAndForget(string script, RedisKey[] keys, RedisValue[] args)
    {
        try
        {
            if (_redis.IsConnected)
                _redis.GetDatabase().ScriptEvaluate(script, keys, args, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Degrade(ex);
        }
    }

    /// <summary>How many nodes share each limit (a node's share while Redis is unreachable).</summary>
    internal int Nodes => _nodes;

    private void Degrade(Exception? cause)
    {
        if (Interlocked.Exchange(ref _degraded, 1) == 1)
            return;
        LogDegraded(cause);
        _alerts.Publish(new SecurityAlert(Guid.NewGuid(), _clock.GetUtcNow(), AlertKinds.RateLimitStoreUnavailable, "redis",
            $"Redis is unreachable; this node enforces 1/{_nodes} of every limit until it answers again.",
            new Dictionary<string, string> { ["expectedNodes"] = _nodes.ToString(), ["cause"] = cause?.GetType().Name ?? "not connected" },
            [], "fallback-to-local-share"));
    }

    private void Recovered()
    {
        if (Interlocked.Exchange(ref _degraded, 0) == 0)
            return;
        LogRecovered();
        _alerts.Publish(new SecurityAlert(Guid.NewGuid(), _clock.GetUtcNow(), AlertKinds.RateLimitStoreRecovered, "redis",
            "Redis answers again; limits are shared across nodes again.", new Dictionary<string, string>(), [], "shared-limits-resumed"));
    }

    public void Dispose() => _redis.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Rate limits: Redis is unreachable; enforcing this node's share of each limit until it answers. Check AntiAutomation:Redis and the Redis server.")]
    private partial void LogDegraded(Exception? cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limits: Redis answers again; limits are shared across nodes again")]
    private partial void LogRecovered();
}
