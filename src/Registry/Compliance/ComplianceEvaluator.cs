using SpbeConnector.Registry.Contracts.Compliance;

namespace SpbeConnector.Registry.Compliance;

/// <summary>
/// Judges every item of the mapping on this installation now: asks the item's check, bounded by the best status the
/// product reaches for it; sums up the items a function covers; keeps the fixed assessment of the others. A check the
/// mapping names but no project registered is reported as not met, naming the missing check, never as met.
/// </summary>
public sealed class ComplianceEvaluator(ComplianceMapping mapping, IEnumerable<IComplianceCheck> checks, TimeProvider time,
    IComplianceBuildSource? build = null, IComplianceApiSource? apis = null)
{
    private readonly Dictionary<string, IComplianceCheck> _checks = checks.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public async Task<ComplianceReport> EvaluateAsync(CancellationToken cancellationToken)
    {
        // Each check once per report, however many items name it.
        var findings = new Dictionary<string, ComplianceFinding>(StringComparer.Ordinal);
        foreach (var name in mapping.Items.Select(i => i.Check).Concat(mapping.Duties.Select(d => d.Check)).OfType<string>().Distinct())
            findings[name] = await RunAsync(name, cancellationToken);

        var judged = new Dictionary<string, ComplianceFinding>(StringComparer.Ordinal);
        foreach (var item in mapping.Items.Where(i => i.Covers.Count == 0))
            judged[item.Key] = Judge(item, item.Check is { } check ? findings[check] : null);
        foreach (var item in mapping.Items.Where(i => i.Covers.Count > 0))
            judged[item.Key] = Summarise(item, judged);

        var items = mapping.Items.Select(i => new ComplianceReportItem(mapping.Regulation, i.Pasal, i.Ayat, i.Huruf, i.Citation,
            judged[i.Key].Status, judged[i.Key].Reason, judged[i.Key].ReasonId, i.TextId, i.TextEn, i.Control, i.Settings, i.Tests, i.Check)).ToList();
        var duties = mapping.Duties.Select(d =>
        {
            var found = Judge(d.Status, d.Reason, d.ReasonId, d.Check is { } check ? findings[check] : null);
            return new ComplianceDutyItem(d.Id, d.Regulations.Select(r => mapping.Instruments.GetValueOrDefault(r, r)).ToList(), d.Citation,
                found.Status, found.Reason, found.ReasonId, d.TextId, d.TextEn, d.Control, d.Settings, d.Tests, d.Check);
        }).ToList();
        return new ComplianceReport(mapping.Regulation, mapping.Source, time.GetUtcNow(), ComplianceSummary.Of(items),
            build?.Read() ?? ComplianceBuild.Unknown, items)
        {
            Duties = duties,
            DutiesSummary = ComplianceSummary.Of(duties.Select(d => d.Status).ToList()),
            Apis = apis is null ? [] : await apis.ListAsync(cancellationToken),
        };
    }

    private async Task<ComplianceFinding> RunAsync(string name, CancellationToken cancellationToken)
    {
        if (!_checks.TryGetValue(name, out var check))
            return ComplianceFinding.NotMet($"The check '{name}' is not available in this installation, so the item cannot be shown to be met.",
                $"Pemeriksaan '{name}' tidak tersedia di instalasi ini, sehingga butir ini tidak dapat dibuktikan terpenuhi.");
        try
        {
            return await check.EvaluateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A store that cannot be read proves nothing: the item is not met until it can be checked.
            return ComplianceFinding.NotMet($"The check '{name}' could not read the state it judges ({ex.GetType().Name}).",
                $"Pemeriksaan '{name}' tidak dapat membaca keadaan yang dinilainya ({ex.GetType().Name}).");
        }
    }

    internal static ComplianceFinding Judge(ComplianceItem item, ComplianceFinding? found) => Judge(item.Status, item.Reason, item.ReasonId, found);

    /// <summary>A check's finding bounded by the best status the product reaches (<paramref name="best"/>, with its reason).</summary>
    internal static ComplianceFinding Judge(ComplianceStatus best, string reason, string reasonId, ComplianceFinding? found)
    {
        if (found is null)
            return new ComplianceFinding(best, reason, reasonId);
        if (best is ComplianceStatus.Met or ComplianceStatus.NotApplicable || found.Status < best)
            return found;
        // The product itself reaches only part of the item: say both why, and what this installation does.
        return new ComplianceFinding(best, $"{reason} {found.Reason}", $"{reasonId} {found.ReasonId}");
    }

    private static ComplianceFinding Summarise(ComplianceItem item, Dictionary<string, ComplianceFinding> judged)
    {
        var covered = judged.Where(j => item.Covers.Any(c => j.Key == c || (j.Key.StartsWith(c, StringComparison.Ordinal) && !char.IsDigit(j.Key[c.Length]))))
            .Where(j => j.Value.Status != ComplianceStatus.NotApplicable).ToList();
        if (covered.Count == 0)
            return new ComplianceFinding(ComplianceStatus.NotApplicable, $"Every item of {string.Join(", ", item.Covers)} is outside the software.",
                $"Semua butir {string.Join(", ", item.Covers)} berada di luar perangkat lunak.");
        var met = covered.Count(c => c.Value.Status == ComplianceStatus.Met);
        var status = met == covered.Count ? ComplianceStatus.Met
            : covered.All(c => c.Value.Status == ComplianceStatus.NotMet) ? ComplianceStatus.NotMet
            : ComplianceStatus.Partial;
        var open = covered.Where(c => c.Value.Status != ComplianceStatus.Met).Select(c => c.Key).ToList();
        var reason = open.Count == 0
            ? $"All {covered.Count} items of {string.Join(", ", item.Covers)} that apply are met."
            : $"{met} of {covered.Count} items of {string.Join(", ", item.Covers)} that apply are met; not fully met: {string.Join(", ", open)}.";
        var reasonId = open.Count == 0
            ? $"Seluruh {covered.Count} butir {string.Join(", ", item.Covers)} yang berlaku terpenuhi."
            : $"{met} dari {covered.Count} butir {string.Join(", ", item.Covers)} yang berlaku terpenuhi; belum terpenuhi sepenuhnya: {string.Join(", ", open)}.";
        return new ComplianceFinding(status, reason, reasonId);
    }
}
