using SpbeConnector.Registry.Contracts.Compliance;

namespace SpbeConnector.Gateway.Compliance;

/// <summary>
/// Pasal 59 ayat (2) huruf b (code without weaknesses) and ayat (12) huruf a (code analysis): the security analyzers
/// of <c>scripts/analyze.sh</c> ran on the commit this gateway was built from and found nothing that was not suppressed
/// in the source with a reason. Analyzers see what a compiler can see, not a reviewer's judgement nor deliberately
/// hidden code, so the mapping caps both items at partial.
/// </summary>
public sealed class CodeAnalysisCheck(SecurityAnalysisFile file) : SecurityAnalysisCheck(file)
{
    public override string Name => "code-analysis";

    protected override ComplianceFinding Judge(SecurityAnalysis? analysis, string path) => Judge(analysis, path, GatewayBuildSource.Commit);

    internal static ComplianceFinding Judge(SecurityAnalysis? analysis, string path, string builtCommit)
    {
        if (analysis is null)
            return ComplianceFinding.NotMet($"no security analysis found at {path}: run scripts/analyze.sh",
                $"tidak ada hasil analisis keamanan di {path}: jalankan scripts/analyze.sh");
        var findings = analysis.Findings.Select(f => f.ToString()).ToList();
        if (findings.Count > 0)
            return ComplianceFinding.NotMet(
                $"The security analyzers found {findings.Count} problem(s) at commit {analysis.Commit}: {ComplianceText.List(findings)}.",
                $"Penganalisis keamanan menemukan {findings.Count} masalah pada commit {analysis.Commit}: {ComplianceText.ListId(findings)}.");
        var suppressed = analysis.Suppressed.Select(f => f.ToString()).ToList();
        var en = $"The .NET security analyzers (every rule of the Security category) found nothing in {analysis.Projects.Count} projects at commit {analysis.Commit}"
                 + (suppressed.Count == 0 ? "." : $"; suppressed in the source with a reason: {ComplianceText.List(suppressed)}.");
        var id = $"Penganalisis keamanan .NET (semua aturan kategori Security) tidak menemukan masalah pada {analysis.Projects.Count} proyek di commit {analysis.Commit}"
                 + (suppressed.Count == 0 ? "." : $"; dikecualikan di kode sumber dengan alasan: {ComplianceText.ListId(suppressed)}.");
        // An analysis of another commit says nothing certain of this build.
        if (builtCommit != "unknown" && !string.Equals(analysis.Commit, builtCommit, StringComparison.OrdinalIgnoreCase))
            return ComplianceFinding.Partial($"{en} But this gateway was built from commit {builtCommit}: run scripts/analyze.sh on it.",
                $"{id} Namun gateway ini dibangun dari commit {builtCommit}: jalankan scripts/analyze.sh pada commit itu.");
        return ComplianceFinding.Met(en, id);
    }
}
