namespace SpbeConnector.Portal.Browsing;

/// <summary>
/// The source of a host without the gateway's SLA measurement (tools, registry tests): nothing measured, so the
/// catalog shows the target alone rather than a figure nobody computed.
/// </summary>
public sealed class UnmeasuredServiceLevelSource : IApiServiceLevelSource
{
    public bool Measures => false;

    public Task<MeasuredAvailability?> FindAsync(string apiPath, string window, CancellationToken ct) => Task.FromResult<MeasuredAvailability?>(null);
}
