using System.Collections.Concurrent;

namespace SpbeConnector.Policies.AntiAutomation.Plans;

/// <summary>The time zone whose calendar the daily and monthly quotas follow (WIB unless configured).</summary>
public static class QuotaTimeZone
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Known = new(StringComparer.Ordinal);

    /// <summary>Asia/Jakarta, or a fixed UTC+7 where the system has no time-zone database (Indonesia has no daylight saving time).</summary>
    public static readonly TimeZoneInfo Default = Find("Asia/Jakarta") ?? TimeZoneInfo.CreateCustomTimeZone("WIB", TimeSpan.FromHours(7), "WIB", "WIB");

    /// <summary>The zone named <paramref name="id"/> (IANA or Windows name), or null when the system knows none by that name.</summary>
    public static TimeZoneInfo? Find(string? id) => string.IsNullOrWhiteSpace(id) ? null : Known.GetOrAdd(id, static name =>
        TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : null);
}
