using Microsoft.Extensions.Options;
using SpbeConnector.Policies.Sla;
using SpbeConnector.Portal.Browsing;

namespace SpbeConnector.Portal.Sla;

/// <summary>
/// The catalog's measured availability (Kota Bekasi Pasal 60 ayat (3) huruf m), read from the same report the admin API
/// and the portal's SLA report serve, so that the three never disagree.
/// </summary>
public sealed class SlaMonitorServiceLevelSource(SlaMonitor monitor, IOptions<SlaOptions> options) : IApiServiceLevelSource
{
    /// <summary>Off with <c>Sla:Enabled=false</c>: nothing is recorded, so no figure could be shown.</summary>
    public bool Measures => options.Value.Enabled;

    public async Task<MeasuredAvailability?> FindAsync(string apiPath, string window, CancellationToken ct)
    {
        if (SlaWindow.Parse(window) is not { } parsed)
            return null;
        // This API's minutes only: the whole report would sum every API to show one.
        return await monitor.ApiFiguresAsync(apiPath, parsed, ct) is { Availability: { } share } figures
            ? new MeasuredAvailability(share, figures.Total, figures.BelowFloor)
            : null;
    }
}
