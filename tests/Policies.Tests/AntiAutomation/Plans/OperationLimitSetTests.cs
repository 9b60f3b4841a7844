using SpbeConnector.Policies.AntiAutomation.Plans;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.Tests.AntiAutomation.Plans;

public class OperationLimitSetTests
{
    private static readonly OperationLimitSet Limits = new(
    [
        new OperationLimit("POST", "/laporan/{id}/lampiran", 5),
        new OperationLimit("*", "/ekspor", 1),
        new OperationLimit("GET", "/", 7),
    ]);

    [Theory]
    [InlineData("POST", "/laporan/42/lampiran", "operation:POST /laporan/{id}/lampiran")]
    [InlineData("GET", "/ekspor", "operation:* /ekspor")]
    [InlineData("DELETE", "/ekspor", "operation:* /ekspor")]
    [InlineData("GET", "/", "operation:GET /")]
    public void A_matching_operation_adds_its_rule_after_the_plans(string method, string path, string rule)
    {
        var planRules = new[] { new SpbeConnector.Policies.AntiAutomation.RateLimitRule("client-minute", 100, TimeSpan.FromMinutes(1)) };

        var rules = Limits.AddMatching(planRules, method, path);

        Assert.Equal(["client-minute", rule], rules.Select(r => r.Name));
    }

    [Theory]
    [InlineData("GET", "/laporan/42/lampiran")]   // other method
    [InlineData("POST", "/laporan//lampiran")]    // an empty segment is no {id}
    [InlineData("POST", "/laporan/42/lampiran/x")] // longer path
    [InlineData("POST", "/Laporan/42/lampiran")]  // paths are case-sensitive
    [InlineData("GET", "/ekspor/1")]
    public void Other_operations_keep_the_plans_rules_unchanged(string method, string path)
    {
        var planRules = Array.Empty<SpbeConnector.Policies.AntiAutomation.RateLimitRule>();

        Assert.Same(planRules, Limits.AddMatching(planRules, method, path));
    }
}
