using System.Globalization;

namespace SpbeConnector.Portal.Rendering;

/// <summary>
/// Times as Indonesians read them: stored in UTC, shown in the region's zone (WIB, WITA or WIT; Indonesia keeps no
/// daylight saving, so each is a fixed offset).
/// </summary>
public static class IndonesianTime
{
    public static TimeSpan OffsetOf(string zone) => zone switch
    {
        "WITA" => TimeSpan.FromHours(8),
        "WIT" => TimeSpan.FromHours(9),
        _ => TimeSpan.FromHours(7),
    };

    public static string Format(DateTimeOffset at, string zone) =>
        at.ToOffset(OffsetOf(zone)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + (zone is "WITA" or "WIT" ? zone : "WIB");
}
