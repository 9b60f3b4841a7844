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
            ? ComplianceFinding.Met(external
                ? "The checkpoint and receipt keys are the operator's own (Audit:CheckpointKey, Audit:ReceiptKey)."
                : "The generated audit and receipt keys are encrypted at rest with Audit:KeyPassphrase.")
            : ComplianceFinding.Partial("Audit:KeyPassphrase is empty: the generated audit and receipt keys are stored unencrypted, readable by the owner only."));
    }
}
