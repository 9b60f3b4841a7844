using SpbeConnector.Registry.Contracts.Compliance;
using Microsoft.Extensions.Options;
using SpbeConnector.Policies.Sla;
using SpbeConnector.Registry.Compliance;

namespace SpbeConnector.Policies.Compliance;

/// <summary>Pasal 60 ayat (3) huruf m: a service level of at least 95%, measured, reported and alerted on.</summary>
public sealed class SlaFloorCheck(IOptions<SlaOptions> options) : IComplianceCheck
{
    public string Name => "sla-floor";

    public Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var floor = o.Floor.ToString("0.##%", System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult(!o.Enabled
            ? ComplianceFinding.NotMet("Sla:Enabled is off: availability is neither measured nor reported.",
                "Sla:Enabled nonaktif: ketersediaan tidak diukur maupun dilaporkan.")
            // Unreachable through settings (SlaOptionsValidation stops the start), kept so the report never says Met wrongly.
            : o.Floor < SlaOptions.MinimumFloor
            ? ComplianceFinding.NotMet($"Sla:Floor is {floor}, below the 95% the regulation sets.",
                $"Sla:Floor bernilai {floor}, di bawah 95% yang ditetapkan peraturan.")
            : ComplianceFinding.Met($"Availability is measured per API and OPD against a floor of {floor}, with alerts below it.",
                $"Ketersediaan diukur per API dan per OPD terhadap batas {floor}, dengan peringatan bila di bawahnya."));
    }
}
