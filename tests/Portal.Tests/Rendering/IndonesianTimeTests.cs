using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.Tests.Rendering;

/// <summary>Times typed or copied in the region's zone are read as that zone, converted to UTC; anything ambiguous is refused.</summary>
public sealed class IndonesianTimeTests
{
    [Theory]
    [InlineData("2026-12-08T10:15", "WIB", "2026-12-08T03:15:00Z", 60)]
    [InlineData("2026-12-08T10:15:07", "WIB", "2026-12-08T03:15:07Z", 1)]
    [InlineData("2026-12-08 10:15:07 WIB", "WITA", "2026-12-08T03:15:07Z", 1)]
    [InlineData("2026-12-08 10:15:07 WIT", "WIB", "2026-12-08T01:15:07Z", 1)]
    [InlineData("2026-12-08 10:15", "WITA", "2026-12-08T02:15:00Z", 60)]
    [InlineData("2026-12-08", "WIB", "2026-12-07T17:00:00Z", 86400)]
    [InlineData("2026-12-08T03:15:07Z", "WIB", "2026-12-08T03:15:07Z", 1)]
    public void A_time_in_the_zone_is_read_as_UTC_with_the_span_it_names(string text, string zone, string utc, int seconds)
    {
        Assert.True(IndonesianTime.TryParse(text, zone, out var at, out var span));
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), at);
        Assert.Equal(TimeSpan.FromSeconds(seconds), span);
    }

    [Theory]
    [InlineData("08/12/2026")]
    [InlineData("12/08/2026 10:00")]
    [InlineData("kemarin")]
    [InlineData("2026-13-01")]
    [InlineData("2026-12-08 10:15:07 UTC+7")]
    public void What_cannot_be_read_without_guessing_is_refused(string text) =>
        Assert.False(IndonesianTime.TryParse(text, "WIB", out _, out _));

    [Fact]
    public void The_table_text_reads_back_to_the_time_it_shows()
    {
        var at = new DateTimeOffset(2026, 12, 8, 3, 15, 7, 345, TimeSpan.Zero);
        Assert.True(IndonesianTime.TryParse(IndonesianTime.Format(at, "WIB"), "WIB", out var start, out var span));
        Assert.True(start <= at && at < start + span);
    }
}
