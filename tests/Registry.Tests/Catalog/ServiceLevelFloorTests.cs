using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.Catalog;

/// <summary>The service level is at least 95% (Kota Bekasi Pasal 60 ayat (3) huruf m): neither an OPD's promise nor the setting goes lower.</summary>
public sealed class ServiceLevelFloorTests
{
    [Fact]
    public async Task A_floor_of_90_percent_stops_the_start_naming_the_setting_and_the_fix()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => TestGateway.StartAsync(new Dictionary<string, string?> { ["Sla:Floor"] = "0.9" }));

        var message = failure is OptionsValidationException o ? string.Join(" ", o.Failures) : failure.ToString();
        Assert.Contains("Sla:Floor is 0.9", message);
        Assert.Contains("0.95 or higher", message);
    }

    [Theory]
    [InlineData(90, false)]
    [InlineData(94.99, false)]
    [InlineData(95, true)]
    [InlineData(99.5, true)]
    [InlineData(100.1, false)]
    public void An_sla_target_under_95_percent_is_refused(decimal percent, bool accepted)
    {
        var problem = RegistryRules.CheckSlaTarget(percent);

        Assert.Equal(accepted, problem is null);
        if (!accepted)
            Assert.Contains("Pasal 60 ayat (3) huruf m", problem!.English);
    }
}
