using SpbeConnector.Registry.Contracts.Compliance;
using Microsoft.Extensions.Options;
using SpbeConnector.Gateway.Demo;
using SpbeConnector.Registry.Compliance;

namespace SpbeConnector.Gateway.Compliance;

/// <summary>Pasal 59 ayat (16) huruf c: no sample features, data or accounts in production; the demo is one.</summary>
public sealed class DemoCheck(IOptions<DemoOptions> options) : IComplianceCheck
{
    public string Name => "demo";

    public Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken) => Task.FromResult(options.Value.Enabled
        ? ComplianceFinding.NotMet("Demo:Enabled is on: demo data enabled (sample OPDs, a sample API and upstream, a demo client); turn it off in production.",
            "Demo:Enabled aktif: data demo aktif (OPD contoh, API dan upstream contoh, klien demo); matikan di lingkungan produksi.")
        : ComplianceFinding.Met("Demo:Enabled is off: no sample API, upstream or demo client is set up.",
            "Demo:Enabled nonaktif: tidak ada API, upstream, atau klien demo yang dipasang."));
}
