using SpbeConnector.Registry.Contracts.Compliance;

namespace SpbeConnector.Registry.Compliance;

/// <summary>
/// Judges every item of the mapping on this installation now: asks the item's check, bounded by the best status the
/// product reaches for it; sums up the items a function covers; keeps the fixed assessment of the others. A check the
/// mapping names but no project registered is reported as not met, naming the missing check, never as met.
/// </summary>
public sealed class ComplianceEvaluator(ComplianceMapping mapping, IEnumerable<IComplianceCheck> checks, TimeProvider time,
    IComplianceBuildSource? build = null)
{
    private readonly Dictionary<string, IComplianceCheck> _checks = checks.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public async Task<ComplianceReport> EvaluateAsync(CancellationToken cancellationToken)
    {
        // Each check once per report, however many items name it.
        var findings = new Dictionary<string, ComplianceFinding>(StringComparer.Ordinal);
        foreach (var name in mapping.Items.Select(i => i.Check).OfType<string>().Distinct())
            findings[name] = await RunAsync(name, cancellationToken);

        var judged = new Dictionary<string, ComplianceFinding>(StringComparer.Ordinal);
        foreach (var item in mapping.Items.Where(i => i.Covers.Count == 0))
            judged[item.Key] = Judge(item, item.Check is { } check ? findings[check] : null);
        foreach (var item in mapping.Items.Where(i => i.Covers.Count > 0))
            judged[item.Key] = Summarise(item, judged);

        var items = mapping.Items.Select(i => new ComplianceReportItem(mapping.Regulation, i.Pasal, i.Ayat, i.Huruf, i.Citation,
            judged[i.Key].Status, judged[i.Key].Reason, i.TextId, i.TextEn, i.Control, i.Settings, i.Tests, i.Check)).ToList();
        return new ComplianceReport(mapping.Regulation, mapping.Source, time.GetUtcNow(), ComplianceSummary.Of(items),
            build?.Read() ?? ComplianceBuild.Unknown, items);
    }

    private async Task<ComplianceFinding> RunAsync(string name, CancellationToken cancellationToken)
    {
        if (!_checks.TryGetValue(name, out var check))
            return ComplianceFinding.NotMet($"The check '{name}' is not available in this installation, so the item cannot be shown to be met.");
        try
        {
            return await check.EvaluateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A store that cannot be read proves nothing: the item is not met until it can be checked.
            return ComplianceFinding.NotMet($"The check '{name}' could not read the state it judges ({ex.GetType().Name}).");
        }
    }

    internal static ComplianceFinding Judge(ComplianceItem item, ComplianceFinding? found)
    {
        if (found is null)
            return new ComplianceFinding(item.Status, item.Reason);
        if (item.Status is ComplianceStatus.Met or ComplianceStatus.NotApplicable || found.Status < item.Status)
            return found;
        // The product itself reaches only part of the item: say both why, and what this installation does.
        return new ComplianceFinding(item.Status, $"{item.Reason} {found.Reason}");
    }

    private static ComplianceFinding Summarise(ComplianceItem item, Dictionary<string, ComplianceFinding> judged)
    {
        var covered = judged.Where(j => item.Covers.Any(c => j.Key == c || (j.Key.StartsWith(c, StringComparison.Ordinal) && !char.IsDigit(j.Key[c.Length]))))
            .Where(j => j.Value.Status != ComplianceStatus.NotApplicable).ToList();
        if (covered.Count == 0)
            return new ComplianceFinding(ComplianceStatus.NotApplicable, $"Every item of {string.Join(", ", item.Covers)} is outside the software.");
        var met = covered.Count(c => c.Value.Status == ComplianceStatus.Met);
        var status = met == covered.Count ? ComplianceStatus.Met
            : covered.All(c => c.Value.Status == ComplianceStatus.NotMet) ? ComplianceStatus.NotMet
            : ComplianceStatus.Partial;
        var open = covered.Where(c => c.Value.Status != ComplianceStatus.Met).Select(c => c.Key).ToList();
        var reason = open.Count == 0
            ? $"All {covered.Count} items of {string.Join(", ", item.Covers)} that apply are met."
            : $"{met} of {covered.Count} items of {string.Join(", ", item.Covers)} that apply are met; not fully met: {string.Join(", ", open)}.";
        return new ComplianceFinding(status, reason);
    }
}
