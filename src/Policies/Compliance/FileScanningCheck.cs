using SpbeConnector.Registry.Contracts.Compliance;
using Microsoft.Extensions.Options;
using SpbeConnector.Policies.FileControls;
using SpbeConnector.Registry.Compliance;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Policies.Compliance;

/// <summary>
/// Virus scanning of files (Pasal 59 ayat (14) huruf d; Pasal 60 ayat (3) huruf l): asks the configured ClamAV daemon
/// for a verdict on a harmless sample now, and names the APIs that let files through unscanned while it is away.
/// </summary>
public sealed class FileScanningCheck(IOptions<ClamdOptions> options, IFileScanner scanner, IPublishedApiSource apis) : IComplianceCheck
{
    private static readonly byte[] Sample = "SPBE Connector compliance check: a harmless sample."u8.ToArray();

    public string Name => "file-scanning";

    public async Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken)
    {
        var failOpen = ComplianceText.Names((await apis.LoadAsync(cancellationToken)).Apis
            .Where(a => a.Validation.ScannerOutage == ScannerOutageMode.FailOpen));
        var outage = failOpen.Count == 0
            ? "uploads are refused"
            : $"uploads are refused, except on {ComplianceText.List(failOpen)}, where they pass unscanned as configured";
        var outageId = failOpen.Count == 0
            ? "unggahan ditolak"
            : $"unggahan ditolak, kecuali pada {ComplianceText.ListId(failOpen)}, yang diloloskan tanpa pemindaian sesuai konfigurasi";
        if (string.IsNullOrWhiteSpace(options.Value.Clamd))
            return ComplianceFinding.Partial($"No ClamAV daemon configured (FileScanning:Clamd is empty): {outage}.",
                $"Tidak ada daemon ClamAV yang dikonfigurasi (FileScanning:Clamd kosong): {outageId}.");
        var verdict = await scanner.ScanAsync(Sample, cancellationToken);
        if (verdict.Verdict != FileScanVerdict.Clean)
            return ComplianceFinding.Partial($"ClamAV at FileScanning:Clamd did not answer now: {outage}.",
                $"ClamAV di FileScanning:Clamd tidak menjawab saat ini: {outageId}.");
        return failOpen.Count == 0
            ? ComplianceFinding.Met("ClamAV answers and scans every uploaded file; while it is away uploads are refused.",
                "ClamAV menjawab dan memindai setiap berkas yang diunggah; selama tidak tersedia, unggahan ditolak.")
            : ComplianceFinding.Partial($"ClamAV answers, but if it goes away files pass unscanned on {ComplianceText.List(failOpen)}, as configured.",
                $"ClamAV menjawab, tetapi bila tidak tersedia berkas diloloskan tanpa pemindaian pada {ComplianceText.ListId(failOpen)}, sesuai konfigurasi.");
    }
}
