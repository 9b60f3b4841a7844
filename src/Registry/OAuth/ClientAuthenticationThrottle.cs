using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// Brute-force protection of client authentication (Pasal 59 ayat (4) huruf d: a maximum number of failed
/// attempts; ayat (13) huruf d: anti-automation). Failures are counted per source in a fixed window: per claimed
/// client id from one source, and per source across every client id. Past a limit, that source's further attempts
/// (for that client, or for any) are refused without checking the secret until the window ends.
/// <para>
/// Nothing is counted per client id alone: a client id is not a secret, and a count that anyone knowing it could fill
/// would let them lock the client out (an application of another OPD refused with its right secret). The legitimate
/// application, calling from a source that has not failed, keeps getting tokens while the guessing source is refused.
/// Guessing from many sources gains nothing either: secrets are 256 random bits, each source is bounded here and by
/// the token endpoint's per-source limit.
/// </para>
/// <para>
/// A source is an IPv4 address, or the /64 network of an IPv6 address (one subscriber line holds a whole /64, so
/// counting single IPv6 addresses would give an attacker 2^64 fresh counts). Counts are per node; the limits bound
/// what one node lets through.
/// </para>
/// </summary>
public sealed partial class ClientAuthenticationThrottle(IOptions<OAuthServerOptions> options, TimeProvider clock, ILogger<ClientAuthenticationThrottle> logger)
{
    private const int MaxTrackedKeys = 100_000;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start = start;
        public int Failures;
    }

    /// <summary>When this source is blocked, for this client or for all, how long until it may try again; otherwise null.</summary>
    public TimeSpan? Blocked(string? clientId, IPAddress? address)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var source = Source(address);
        var byClient = clientId is null ? null : Remaining(PairKey(clientId, source), o.MaxFailedAuthenticationsPerClientAndAddress, now);
        var bySource = Remaining(SourceKey(source), o.MaxFailedAuthenticationsPerAddress, now);
        return byClient > bySource || bySource is null ? byClient : bySource;
    }

    public void RecordFailure(string? clientId, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        if (_windows.Count > MaxTrackedKeys)
            Sweep(now);
        var source = Source(address);
        if (clientId is not null && Count(PairKey(clientId, source), now) == options.Value.MaxFailedAuthenticationsPerClientAndAddress)
            LogClientBlockedForSource(clientId, source);
        if (Count(SourceKey(source), now) == options.Value.MaxFailedAuthenticationsPerAddress)
            LogSourceBlocked(source);
    }

    /// <summary>A client that authenticated starts afresh from that source; the source keeps its count (it may try other clients).</summary>
    public void RecordSuccess(string clientId, IPAddress? address) => _windows.TryRemove(PairKey(clientId, Source(address)), out _);

    /// <summary>The source an address counts under: IPv4 as it is (IPv4-mapped IPv6 included), IPv6 by its /64 network.</summary>
    internal static string Source(IPAddress? address)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private TimeSpan? Remaining(string key, int limit, DateTimeOffset now)
    {
        if (!_windows.TryGetValue(key, out var window))
            return null;
        lock (window)
        {
            var ends = window.Start + options.Value.FailedAuthenticationWindow;
            return window.Failures >= limit && ends > now ? ends - now : null;
        }
    }

    private int Count(string key, DateTimeOffset now)
    {
        var window = _windows.GetOrAdd(key, _ => new Window(now));
        lock (window)
        {
            if (window.Start + options.Value.FailedAuthenticationWindow <= now)
            {
                window.Start = now;
                window.Failures = 0;
            }
            return ++window.Failures;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, window) in _windows)
        {
            if (window.Start + options.Value.FailedAuthenticationWindow <= now)
                _windows.TryRemove(key, out _);
        }
    }

    // A client id never contains a space (RegistryRules), so "c:{id} {source}" cannot collide with another pair.
    private static string PairKey(string clientId, string source) => "c:" + clientId + " " + source;
    private static string SourceKey(string source) => "a:" + source;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Too many failed client authentications for client id {ClientId} from {Source}: that source is refused for this client for the rest of the window; the client itself keeps working from elsewhere. Check for a misconfigured application at that source or an attack")]
    private partial void LogClientBlockedForSource(string clientId, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Too many failed client authentications from {Source}: that source is refused for every client for the rest of the window. Check for a misconfigured application at that source or an attack")]
    private partial void LogSourceBlocked(string source);
}
