using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpbeConnector.Policies.AntiAutomation;
using SpbeConnector.Policies.AntiAutomation.Plans;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.Tests.AntiAutomation.Plans;

/// <summary>The calendar of the quotas follows AntiAutomation:QuotaTimeZone; a name the system does not know stops the start with the fix.</summary>
public class QuotaTimeZoneTests
{
    private static IServiceProvider Services(string zone) => new ServiceCollection()
        .AddLogging()
        .AddSingleton(TimeProvider.System)
        .AddAntiAutomation(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AntiAutomation:QuotaTimeZone"] = zone }).Build())
        .BuildServiceProvider();

    [Fact]
    public void A_region_in_wit_gets_its_daily_quota_renewed_at_midnight_wit()
    {
        var rules = Services("Asia/Jayapura").GetRequiredService<PlanRules>();

        var day = rules.For(new PlanLimits(Guid.NewGuid(), "uji", null, null, 10, null, null)).Rules.Single();
        var (start, end) = day.WindowAt(new DateTimeOffset(2026, 11, 22, 14, 59, 0, TimeSpan.Zero).ToUnixTimeMilliseconds());

        // 00:00 WIT (UTC+9) is 15:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), start);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), end);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_with_a_message_naming_the_setting_and_the_fix()
    {
        var services = Services("Asia/Bekasi");

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AntiAutomationOptions>>().Value);

        Assert.Contains("AntiAutomation:QuotaTimeZone", refused.Message);
        Assert.Contains("Asia/Jakarta", refused.Message);
    }
}
