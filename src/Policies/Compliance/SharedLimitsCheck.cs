using SpbeConnector.Registry.Contracts.Compliance;
using Microsoft.Extensions.Options;
using SpbeConnector.Policies.AntiAutomation;
using SpbeConnector.Registry.Compliance;

namespace SpbeConnector.Policies.Compliance;

/// <summary>
/// Rate limits and quotas (Pasal 59 ayat (13) huruf b, d, ayat (15) huruf g; Pasal 60 ayat (3) huruf c): exact on one
/// node; across several nodes only with Redis, without it each node counts on its own.
/// </summary>
public sealed class SharedLimitsCheck(IOptionsMonitor<AntiAutomationOptions> options) : IComplianceCheck
{
    public string Name => "shared-limits";

    public Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        return Task.FromResult(!string.IsNullOrWhiteSpace(o.Redis)
            ? ComplianceFinding.Met("Limits and quotas are counted in Redis, exact across every gateway node.",
                "Batas dan kuota dihitung di Redis, tepat di seluruh node gateway.")
            : o.ExpectedNodes > 1
            ? ComplianceFinding.Partial($"Redis not configured: limits are per node, so {o.ExpectedNodes} nodes together allow up to {o.ExpectedNodes} times each limit.",
                $"Redis tidak dikonfigurasi: batas berlaku per node, sehingga {o.ExpectedNodes} node bersama-sama mengizinkan hingga {o.ExpectedNodes} kali setiap batas.")
            : ComplianceFinding.Met("One gateway node (AntiAutomation:ExpectedNodes is 1): limits and quotas are exact on it.",
                "Satu node gateway (AntiAutomation:ExpectedNodes bernilai 1): batas dan kuota tepat di node itu."));
    }
}
