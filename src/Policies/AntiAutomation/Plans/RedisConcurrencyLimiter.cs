using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SpbeConnector.Policies.AntiAutomation.Plans;

/// <summary>
/// Slots for requests in flight shared by every gateway node: a sorted set of leases per subject in Redis, scored by
/// expiry, taken and given back by atomic scripts. A lease expires after <c>AntiAutomation:ConcurrencyLeaseTimeout</c>
/// so that the slots of a node that died come back. While Redis is unreachable each node keeps to its share of the
/// slots, as the rate limits do.
/// </summary>
public sealed class RedisConcurrencyLimiter(RedisRateLimitCounter redis, LocalConcurrencyLimiter fallback, IOptionsMonitor<AntiAutomationOptions> options) : IConcurrencyLimiter
{
    // KEYS[1]: the subject's leases. ARGV[1]: limit. ARGV[2]: lease lifetime in ms. ARGV[3]: lease id.
    // Redis's own clock scores the leases, so nodes with skewed clocks agree on which have expired.
    private const string AcquireScript = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
          return 0
        end
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
        redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) + 1000)
        return 1
        """;

    private const string ReleaseScript = "return redis.call('ZREM', KEYS[1], ARGV[1])";

    private const string CountScript = """
        local time = redis.call('TIME')
        return redis.call('ZCOUNT', KEYS[1], '(' .. (tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)), '+inf')
        """;

    public async ValueTask<IDisposable?> TryAcquireAsync(string subject, int limit, CancellationToken cancellationToken)
    {
        var key = LeasesKey(subject);
        var leaseId = Guid.NewGuid().ToString("N");
        var lifetime = (long)options.CurrentValue.ConcurrencyLeaseTimeout.TotalMilliseconds;
        // Not cancelled with the request: once the script has run, the lease must be known to be given back.
        var result = await redis.TryEvaluateAsync(AcquireScript, [key], [limit, lifetime, leaseId], CancellationToken.None);
        if (result is null)
            return fallback.TryAcquire(subject, (int)LocalRateLimitCounter.Share(limit, redis.Nodes));
        return (long)result == 1 ? new RedisLease(redis, key, leaseId) : null;
    }

    public async ValueTask<long> InFlightAsync(string subject, CancellationToken cancellationToken) =>
        await redis.TryEvaluateAsync(CountScript, [LeasesKey(subject)], [], cancellationToken) is { } count ? (long)count : fallback.InFlight(subject);

    private static RedisKey LeasesKey(string subject) => $"spbe:cc:{{{subject}}}";

    private sealed class RedisLease(RedisRateLimitCounter redis, RedisKey key, string leaseId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                redis.FireAndForget(ReleaseScript, [key], [leaseId]);
        }
    }
}
