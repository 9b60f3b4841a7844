using StackExchange.Redis;

namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// How every cluster-wide Redis user of the gateway connects: a request must never wait on an unreachable Redis, since
/// each caller has a local fallback (its node's share of a limit, its own blocks) that must take over at once.
/// </summary>
internal static class RedisConnectionSettings
{
    /// <summary>The options for <paramref name="connectionString"/> (StackExchange.Redis syntax), with the gateway's bounds.</summary>
    public static ConfigurationOptions For(string connectionString)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        // Start (and keep trying in the background) even when Redis is down at start.
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 2000);
        configuration.SyncTimeout = Math.Min(configuration.SyncTimeout, 1000);
        configuration.AsyncTimeout = Math.Min(configuration.AsyncTimeout, 1000);
        // Since client 2.x a command issued while disconnected waits in a backlog until the connection returns or the
        // timeout passes; the gateway wants it refused at once so that the caller's local fallback answers instead.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        return configuration;
    }
}
