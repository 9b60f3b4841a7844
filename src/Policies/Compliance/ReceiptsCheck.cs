using SpbeConnector.Registry.Contracts.Compliance;
using Microsoft.Extensions.Options;
using SpbeConnector.Audit;
using SpbeConnector.Registry.Compliance;

namespace SpbeConnector.Policies.Compliance;

/// <summary>Signed receipts on proxied responses (Content-Digest and an RFC 9421 signature): secure, provable responses
/// (Pasal 59 ayat (16) huruf e) and the receiver's side of non-repudiation.</summary>
public sealed class ReceiptsCheck(IOptions<AuditOptions> options) : IComplianceCheck
{
    public string Name => "receipts";

    public Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken) => Task.FromResult(options.Value.Receipts.Enabled
        ? ComplianceFinding.Met("Audit:Receipts:Enabled is on: every proxied response carries Content-Digest and the gateway's signature, with security headers.",
            "Audit:Receipts:Enabled aktif: setiap respons yang diteruskan membawa Content-Digest dan tanda tangan gateway, beserta header keamanan.")
        : ComplianceFinding.Partial("Audit:Receipts:Enabled is off: responses carry security headers but no digest or signature, so a caller cannot prove what it received.",
            "Audit:Receipts:Enabled nonaktif: respons membawa header keamanan tetapi tanpa digest atau tanda tangan, sehingga pemanggil tidak dapat membuktikan apa yang diterimanya."));
}
