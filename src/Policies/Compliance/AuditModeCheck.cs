using SpbeConnector.Registry.Contracts.Compliance;
using Microsoft.Extensions.Options;
using SpbeConnector.Audit;
using SpbeConnector.Registry.Compliance;

namespace SpbeConnector.Policies.Compliance;

/// <summary>
/// The audit log of exchanges (Pasal 59 ayat (9) huruf c-e, ayat (10) huruf c; Pasal 60 ayat (2) huruf d): met only in
/// strict mode, where no upstream acts on a request the log does not hold.
/// </summary>
public sealed class AuditModeCheck(IOptions<AuditOptions> options) : IComplianceCheck
{
    public string Name => "audit-mode";

    public Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken) => Task.FromResult(options.Value.Mode switch
    {
        AuditMode.Strict => ComplianceFinding.Met("Audit:Mode is Strict: no request reaches the upstream before its record is durable in the signed log.",
            "Audit:Mode bernilai Strict: tidak ada permintaan yang sampai ke upstream sebelum catatannya tersimpan tetap di log bertanda tangan."),
        AuditMode.Async => ComplianceFinding.Partial("Audit:Mode is Async: a request can reach the upstream before its record is durable, and a crash can lose the last records.",
            "Audit:Mode bernilai Async: permintaan dapat sampai ke upstream sebelum catatannya tersimpan tetap, dan gangguan dapat menghilangkan catatan terakhir."),
        _ => ComplianceFinding.NotMet("Audit:Mode is Off: exchanges are not recorded in the audit log.",
            "Audit:Mode bernilai Off: pertukaran tidak dicatat dalam log audit."),
    });
}
