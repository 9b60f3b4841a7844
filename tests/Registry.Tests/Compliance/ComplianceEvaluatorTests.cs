using SpbeConnector.Registry.Contracts.Compliance;
using SpbeConnector.Registry.Compliance;

namespace SpbeConnector.Registry.Tests.Compliance;

/// <summary>
/// How the evaluator judges an item: a check can lower an item below what the product reaches but never raise it,
/// a check nobody registered never counts as met, and a function sums up the items of the ayat that details it.
/// </summary>
public sealed class ComplianceEvaluatorTests
{
    private sealed class FixedCheck(string name, ComplianceFinding finding) : IComplianceCheck
    {
        public string Name => name;
        public Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken) => Task.FromResult(finding);
    }

    private static ComplianceItem Item(string huruf, string? check = null, ComplianceStatus status = ComplianceStatus.Met, string reason = "", params string[] covers) => new()
    {
        Pasal = 59, Ayat = huruf == "z" ? 3 : 4, Huruf = huruf, TextId = "teks", TextEn = "text", Control = "control",
        Check = check, Status = status, Reason = reason, Covers = covers,
    };

    private static Task<ComplianceReport> EvaluateAsync(IReadOnlyList<ComplianceItem> items, params IComplianceCheck[] checks) =>
        new ComplianceEvaluator(new ComplianceMapping { Regulation = "Perwal", RegulationId = "003", Source = "test", Items = items }, checks, TimeProvider.System)
            .EvaluateAsync(CancellationToken.None);

    [Fact]
    public async Task A_check_can_lower_an_item_but_never_raise_it_above_what_the_product_reaches()
    {
        var report = await EvaluateAsync(
            [Item("a", "on"), Item("b", "off"), Item("c", "on", ComplianceStatus.Partial, "Only part is in the product.")],
            new FixedCheck("on", ComplianceFinding.Met("Switched on.", "Dinyalakan.")), new FixedCheck("off", ComplianceFinding.NotMet("Switched off.", "Dimatikan.")));

        Assert.Equal([ComplianceStatus.Met, ComplianceStatus.NotMet, ComplianceStatus.Partial], report.Items.Select(i => i.Status));
        Assert.Equal("Switched off.", report.Items[1].Reason);
        Assert.Equal("Only part is in the product. Switched on.", report.Items[2].Reason);
        Assert.Equal(new ComplianceSummary(3, 1, 1, 1, 0), report.Summary);
    }

    [Fact]
    public async Task A_check_the_mapping_names_but_no_project_registered_makes_its_item_not_met()
    {
        var report = await EvaluateAsync([Item("a", "nobody")]);

        Assert.Equal(ComplianceStatus.NotMet, report.Items[0].Status);
        Assert.Contains("'nobody' is not available", report.Items[0].Reason);
    }

    [Fact]
    public async Task A_function_sums_up_the_items_of_the_ayat_that_details_it_leaving_out_those_not_applicable()
    {
        var report = await EvaluateAsync(
            [Item("a"), Item("b", "off"), Item("c", status: ComplianceStatus.NotApplicable, reason: "Another layer."), Item("z", covers: ["59(4)"])],
            new FixedCheck("off", ComplianceFinding.Partial("Half.", "Setengah.")));

        var summary = report.Items.Single(i => i.Huruf == "z");
        Assert.Equal(ComplianceStatus.Partial, summary.Status);
        Assert.Equal("1 of 2 items of 59(4) that apply are met; not fully met: 59(4)b.", summary.Reason);
    }

    [Fact]
    public async Task A_duty_of_another_regulation_is_judged_like_an_item_in_both_languages_and_named_by_its_instrument()
    {
        var mapping = new ComplianceMapping
        {
            Regulation = "Perwal", RegulationId = "003", Source = "test", Items = [],
            Instruments = new Dictionary<string, string> { ["001_x.txt"] = "Perbup Batu Bara 81/2021" },
            Duties =
            [
                new ComplianceDuty { Id = "AUTH-02", Regulations = ["001_x.txt"], Citation = "001_x.txt Pasal 18 ayat (3) huruf b", TextId = "Autentikasi.", TextEn = "Authentication.",
                    Check = "off", Status = ComplianceStatus.Partial, Reason = "Only part.", ReasonId = "Hanya sebagian." },
                new ComplianceDuty { Id = "GOV-10", Regulations = ["001_x.txt"], Citation = "001_x.txt Pasal 50", TextId = "Peralihan.", TextEn = "Transition.",
                    Status = ComplianceStatus.NotApplicable, Reason = "Organisational.", ReasonId = "Organisasi." },
            ],
        };
        var report = await new ComplianceEvaluator(mapping, [new FixedCheck("off", ComplianceFinding.Partial("Half.", "Setengah."))], TimeProvider.System)
            .EvaluateAsync(CancellationToken.None);

        Assert.Equal([ComplianceStatus.Partial, ComplianceStatus.NotApplicable], report.Duties.Select(d => d.Status));
        Assert.Equal("Only part. Half.", report.Duties[0].Reason);
        Assert.Equal("Hanya sebagian. Setengah.", report.Duties[0].ReasonId);
        Assert.Equal(["Perbup Batu Bara 81/2021"], report.Duties[0].Regulations);
        Assert.Equal(new ComplianceSummary(2, 0, 1, 0, 1), report.DutiesSummary);
    }
}
