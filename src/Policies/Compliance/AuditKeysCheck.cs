using SpbeConnector.Registry.Contracts.Compliance;
using Microsoft.Extensions.Options;
using SpbeConnector.Audit;
using SpbeConnector.Registry.Compliance;

namespace SpbeConnector.Policies.Compliance;

/// <summary>
/// Key management of the audit and receipt keys (Pasal 59 ayat (8) huruf c, ayat (10) huruf e): external keys, or
/// generated keys encrypted with a passphrase; generated keys without one are only readable by the owner.
/// </summary>
public sealed class AuditKeysCheck(IOptions<AuditOptions> options) : IComplianceCheck
{
    public string Name => "audit-keys";

    public Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var external = o.CheckpointKey.IsExternal && o.ReceiptKey.IsExternal;
        return Task.FromResult(external || !string.IsNullOrEmpty(o.KeyPassphrase)
            ? (external
                ? ComplianceFinding.Met("The checkpoint and receipt keys are the operator's own (Audit:CheckpointKey, Audit:ReceiptKey).",
                    "Kunci checkpoint dan kunci tanda terima adalah milik operator sendiri (Audit:CheckpointKey, Audit:ReceiptKey).")
                : ComplianceFinding.Met("The generated audit and receipt keys are encrypted at rest with Audit:KeyPassphrase.",
                    "Kunci audit dan kunci tanda terima yang dibangkitkan disimpan terenkripsi dengan Audit:KeyPassphrase."))
            : ComplianceFinding.Partial("Audit:KeyPassphrase is empty: the generated audit and receipt keys are stored unencrypted, readable by the owner only.",
                "Audit:KeyPassphrase kosong: kunci audit dan kunci tanda terima yang dibangkitkan disimpan tanpa enkripsi, hanya dapat dibaca pemiliknya."));
    }
}
