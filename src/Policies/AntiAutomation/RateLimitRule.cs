namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// A limit of <see cref="Limit"/> requests per window, named as it appears in the <c>RateLimit-Policy</c> header.
/// Fixed windows are aligned to the Unix epoch, so every node agrees on when one starts; calendar windows (the daily
/// and monthly quotas of plans) follow the calendar of <see cref="TimeZone"/>, so a quota renews at local midnight.
/// </summary>
public sealed record RateLimitRule(string Name, long Limit, TimeSpan Window)
{
    private Tuple<long, long>? _lastCalendarWindow;

    public long WindowMilliseconds { get; } = (long)Window.TotalMilliseconds;

    public RateLimitPeriod Period { get; init; } = RateLimitPeriod.Fixed;

    /// <summary>The time zone of calendar windows (UTC unless set).</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>A calendar quota: one calendar day or month of <paramref name="zone"/>.</summary>
    public static RateLimitRule Calendar(string name, long limit, RateLimitPeriod period, TimeZoneInfo zone) =>
        new(name, limit, period == RateLimitPeriod.CalendarMonth ? TimeSpan.FromDays(30) : TimeSpan.FromDays(1)) { Period = period, TimeZone = zone };

    /// <summary>The start of the window containing <paramref name="nowMs"/> (Unix milliseconds).</summary>
    public long WindowStart(long nowMs) => WindowAt(nowMs).Start;

    /// <summary>The window containing <paramref name="nowMs"/>: its start and its end (exclusive), in Unix milliseconds.</summary>
    public (long Start, long End) WindowAt(long nowMs)
    {
        if (Period == RateLimitPeriod.Fixed)
        {
            var start = nowMs - nowMs % WindowMilliseconds;
            return (start, start + WindowMilliseconds);
        }
        // Calendar arithmetic costs more than a modulo; one day or month lasts long, so remember the last one.
        var last = Volatile.Read(ref _lastCalendarWindow);
        if (last is not null && nowMs >= last.Item1 && nowMs < last.Item2)
            return (last.Item1, last.Item2);
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(nowMs), TimeZone).DateTime;
        var first = Period == RateLimitPeriod.CalendarMonth ? new DateTime(local.Year, local.Month, 1) : local.Date;
        var next = Period == RateLimitPeriod.CalendarMonth ? first.AddMonths(1) : first.AddDays(1);
        last = Tuple.Create(ToUnixMs(first), ToUnixMs(next));
        Volatile.Write(ref _lastCalendarWindow, last);
        return (last.Item1, last.Item2);
    }

    private long ToUnixMs(DateTime local) => new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUnixTimeMilliseconds();
}
