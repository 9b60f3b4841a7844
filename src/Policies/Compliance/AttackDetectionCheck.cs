using SpbeConnector.Registry.Contracts.Compliance;
using Microsoft.Extensions.Options;
using SpbeConnector.Policies.AntiAutomation;
using SpbeConnector.Registry.Compliance;

namespace SpbeConnector.Policies.Compliance;

/// <summary>Warning of automated attacks and unusual activity (Pasal 59 ayat (6) huruf b, ayat (13) huruf c, e).</summary>
public sealed class AttackDetectionCheck(IOptionsMonitor<AntiAutomationOptions> options) : IComplianceCheck
{
    public string Name => "attack-detection";

    public Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        if (!o.Detection.Enabled)
            return Task.FromResult(ComplianceFinding.NotMet("AntiAutomation:Detection:Enabled is off: automated attacks raise no alert.",
                "AntiAutomation:Detection:Enabled nonaktif: serangan otomatis tidak menimbulkan peringatan."));
        var deliveryId = string.IsNullOrWhiteSpace(o.Webhook.Url)
            ? "ditampilkan di tampilan keamanan portal (tanpa webhook)"
            : "ditampilkan di tampilan keamanan dan dikirim ke webhook yang dikonfigurasi";
        var delivery = string.IsNullOrWhiteSpace(o.Webhook.Url)
            ? "shown in the portal's security view (no webhook configured)"
            : "shown in the security view and sent to the configured webhook";
        return Task.FromResult(ComplianceFinding.Met($"Token guessing, enumeration and bursts raise alerts ({o.Detection.Action}), {delivery}.",
            $"Penebakan token, enumerasi, dan lonjakan permintaan menimbulkan peringatan ({o.Detection.Action}), {deliveryId}."));
    }
}
