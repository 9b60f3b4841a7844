using SpbeConnector.Registry.Contracts.Compliance;

namespace SpbeConnector.Gateway.Compliance;

/// <summary>
/// Pasal 59 ayat (2) huruf e (vulnerability analysis) for the dependencies: <c>scripts/analyze.sh</c> asked a package
/// source's vulnerability database about every package of the build. A source without such a database means nothing
/// was checked, which is said as such, never as "no vulnerable package".
/// </summary>
public sealed class DependencyScanCheck(SecurityAnalysisFile file) : SecurityAnalysisCheck(file)
{
    public override string Name => "dependency-scan";

    protected override ComplianceFinding Judge(SecurityAnalysis? analysis, string path)
    {
        if (analysis is null)
            return ComplianceFinding.NotMet($"no dependency check found at {path}: run scripts/analyze.sh",
                $"tidak ada hasil pemeriksaan dependensi di {path}: jalankan scripts/analyze.sh");
        var scan = analysis.Dependencies;
        if (!scan.Checked)
            return ComplianceFinding.NotMet($"Dependencies not checked for known vulnerabilities: {scan.Reason}.",
                $"Dependensi belum diperiksa terhadap kerentanan yang diketahui: tidak ada sumber paket ({string.Join(", ", scan.Sources)}) yang menerbitkan basis data kerentanan.");
        var vulnerable = scan.Vulnerable.Select(v => v.ToString()).ToList();
        if (vulnerable.Count > 0)
            return ComplianceFinding.NotMet($"{vulnerable.Count} package(s) of the build have a published advisory: {ComplianceText.List(vulnerable)}.",
                $"{vulnerable.Count} paket dalam build memiliki advisori kerentanan: {ComplianceText.ListId(vulnerable)}.");
        return ComplianceFinding.Met($"No package of the build has a published advisory ({string.Join(", ", scan.Sources)}, commit {analysis.Commit}).",
            $"Tidak ada paket dalam build yang memiliki advisori kerentanan ({string.Join(", ", scan.Sources)}, commit {analysis.Commit}).");
    }
}
