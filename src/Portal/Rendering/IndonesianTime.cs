using System.Globalization;
using System.Text.RegularExpressions;

namespace SpbeConnector.Portal.Rendering;

/// <summary>
/// Times as Indonesians read them: stored in UTC, shown in the region's zone (WIB, WITA or WIT; Indonesia keeps no
/// daylight saving, so each is a fixed offset), and read back from what a person types or copies in that zone.
/// </summary>
public static partial class IndonesianTime
{
    public static TimeSpan OffsetOf(string zone) => zone switch
    {
        "WITA" => TimeSpan.FromHours(8),
        "WIT" => TimeSpan.FromHours(9),
        _ => TimeSpan.FromHours(7),
    };

    public static string LabelOf(string zone) => zone is "WITA" or "WIT" ? zone : "WIB";

    public static string Format(DateTimeOffset at, string zone) =>
        at.ToOffset(OffsetOf(zone)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + LabelOf(zone);

    /// <summary>The value of an <c>&lt;input type="datetime-local"&gt;</c> showing <paramref name="at"/> in the zone.</summary>
    public static string FormatLocalInput(DateTimeOffset at, string zone) =>
        at.ToOffset(OffsetOf(zone)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// The formats read, each with the span it names: what a <c>datetime-local</c> input sends (minutes, or seconds
    /// with step=1) and what <see cref="Format"/> shows. Day first or month first ("08/12/2026") is ambiguous between
    /// the ways people write dates, so it is refused rather than guessed.
    /// </summary>
    private static readonly (string Pattern, TimeSpan Span)[] Formats =
    [
        ("yyyy-MM-dd'T'HH:mm", TimeSpan.FromMinutes(1)),
        ("yyyy-MM-dd'T'HH:mm:ss", TimeSpan.FromSeconds(1)),
        ("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", TimeSpan.FromMilliseconds(1)),
        ("yyyy-MM-dd HH:mm", TimeSpan.FromMinutes(1)),
        ("yyyy-MM-dd HH:mm:ss", TimeSpan.FromSeconds(1)),
        ("yyyy-MM-dd", TimeSpan.FromDays(1)),
    ];

    /// <summary>
    /// Reads a time typed in the region's zone (<paramref name="zone"/>), or in the zone it names (a trailing WIB, WITA,
    /// WIT), or in UTC or an offset when it says so (ISO 8601 with Z or ±hh:mm). <paramref name="span"/> is how much
    /// time the text names (a minute for 10:15, a second for 10:15:00, a day for a date alone), so that a filter's end
    /// can include the whole of it: the time copied from a table row, as both start and end, finds that row.
    /// </summary>
    public static bool TryParse(string? text, string zone, out DateTimeOffset start, out TimeSpan span)
    {
        start = default;
        span = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var value = text.Trim();
        if (ExplicitOffset().IsMatch(value))
        {
            span = value.Contains('.', StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(1) : TimeSpan.FromSeconds(1);
            return DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out start);
        }
        if (ZoneSuffix().Match(value) is { Success: true } named)
        {
            zone = named.Groups[1].Value;
            value = value[..named.Index];
        }
        foreach (var (pattern, length) in Formats)
        {
            if (DateTime.TryParseExact(value, pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                start = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), OffsetOf(zone)).ToUniversalTime();
                span = length;
                return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex ExplicitOffset();

    [GeneratedRegex(@"\s+(WIB|WITA|WIT)$")]
    private static partial Regex ZoneSuffix();
}
