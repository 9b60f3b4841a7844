using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// Brute-force protection of client authentication (Pasal 59 ayat (4) huruf d: a maximum number of failed
/// attempts; ayat (13) huruf d: anti-automation): failures are counted per claimed client id and per source address
/// in a fixed window; past the limit, further attempts are refused without checking the secret until the window
/// ends. Counts are per node; the limits bound what one node lets through.
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

    /// <summary>When the client or the address is blocked, how long until it may try again; otherwise null.</summary>
    public TimeSpan? Blocked(string? clientId, string? address)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var byClient = clientId is null ? null : Remaining(ClientKey(clientId), o.MaxFailedAuthenticationsPerClient, now);
        var byAddress = address is null ? null : Remaining(AddressKey(address), o.MaxFailedAuthenticationsPerAddress, now);
        return byClient > byAddress || byAddress is null ? byClient : byAddress;
    }

    public void RecordFailure(string? clientId, string? address)
    {
        var now = clock.GetUtcNow();
        if (_windows.Count > MaxTrackedKeys)
            Sweep(now);
        if (clientId is not null && Count(ClientKey(clientId), now) == options.Value.MaxFailedAuthenticationsPerClient)
            LogBlocked("client", clientId);
        if (address is not null && Count(AddressKey(address), now) == options.Value.MaxFailedAuthenticationsPerAddress)
            LogBlocked("address", address);
    }

    /// <summary>A client that authenticated starts afresh; its address keeps its count (it may try other clients).</summary>
    public void RecordSuccess(string clientId) => _windows.TryRemove(ClientKey(clientId), out _);

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

    private static string ClientKey(string clientId) => "c:" + clientId;
    private static string AddressKey(string address) => "a:" + address;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Too many failed client authentications: {Kind} {Key} is blocked for the rest of the window. Check for a misconfigured application or an attack")]
    private partial void LogBlocked(string kind, string key);
}
