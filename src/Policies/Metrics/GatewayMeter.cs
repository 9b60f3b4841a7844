using System.Diagnostics.Metrics;

namespace SpbeConnector.Policies.Metrics;

/// <summary>
/// The gateway's instruments (System.Diagnostics.Metrics, meter <c>SpbeConnector.Gateway</c>): exposed at
/// <c>/metrics</c> in the Prometheus text format, and available to any OpenTelemetry collector.
/// </summary>
public sealed class GatewayMeter : IDisposable
{
    public const string MeterName = "SpbeConnector.Gateway";

    private readonly Meter _meter;

    public GatewayMeter(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        Requests = _meter.CreateCounter<long>("spbe_requests", description: "Exchanges through the gateway, by API, status and calling client");
        Duration = _meter.CreateHistogram<double>("spbe_request_duration", unit: "s", description: "Time from the request's arrival to the end of its response, by API");
        Decisions = _meter.CreateCounter<long>("spbe_policy_decisions", description: "Refusals by the data-plane policies, by policy and reason");
    }

    public Counter<long> Requests { get; }
    public Histogram<double> Duration { get; }
    public Counter<long> Decisions { get; }

    public Meter Meter => _meter;

    public void Dispose() => _meter.Dispose();
}
