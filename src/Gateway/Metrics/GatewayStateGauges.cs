using System.Diagnostics.Metrics;
using SpbeConnector.Gateway.Routing;
using SpbeConnector.Policies.Access;
using SpbeConnector.Policies.Metrics;
using SpbeConnector.Policies.Routing;
using SpbeConnector.Policies.Sla;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Hosting;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace SpbeConnector.Gateway.Metrics;

/// <summary>Gauges read at scrape time: upstream health per API instance, the registry version in force, reloads of routes and access rules and the monitor's signals, whether the registry's store answers, and each API's SLA availability.</summary>
public sealed class GatewayStateGauges
{
    public GatewayStateGauges(GatewayMeter meter, IProxyStateLookup proxy, RegistryProxyConfigProvider routes, RegistryStoreHealth store, SlaMonitor sla,
        RegistryChangeMonitor monitor, AccessSnapshotCache access)
    {
        meter.Meter.CreateObservableGauge("spbe_sla_availability", () => SlaAvailability(sla),
            description: "Share of an API's requests answered without failure and within the latency threshold over the SLA alert window, as last evaluated (Pasal 60 ayat (3) huruf m)");
        meter.Meter.CreateObservableGauge("spbe_upstream_healthy", () => UpstreamHealth(proxy),
            description: "1 when an upstream instance is considered healthy by active and passive checks, 0 when not");
        meter.Meter.CreateObservableGauge("spbe_routes_config_version", () => routes.LoadedVersion,
            description: "The registry configuration version of the routes in force");
        meter.Meter.CreateObservableCounter("spbe_routes_reloads_total", () => routes.Reloads,
            description: "Route configurations handed to the proxy, the first included: one per registry change of what is routed");
        meter.Meter.CreateObservableCounter("spbe_access_reloads_total", () => access.Reloads,
            description: "Access snapshots (clients, subscriptions, plans, revocations) loaded, the first included");
        meter.Meter.CreateObservableCounter("spbe_registry_change_signals_total", () => new[]
            {
                new Measurement<long>(monitor.RouteSignals, new KeyValuePair<string, object?>("kind", "routes")),
                new Measurement<long>(monitor.AccessSignals, new KeyValuePair<string, object?>("kind", "access")),
            },
            description: "Changes the registry's change monitor signalled: versions moved by another process (or the first poll, or the store answering again); this node's own writes signal without it");
        meter.Meter.CreateObservableGauge("spbe_registry_store_reachable", () => store.Current is null ? 1 : 0,
            description: "1 when the registry's store answered the last poll, 0 while the node serves its last known configuration without it");
    }

    private static IEnumerable<Measurement<double>> SlaAvailability(SlaMonitor sla)
    {
        if (sla.LastJudged is not { } report)
            yield break;
        foreach (var api in report.Apis)
        {
            if (api.Figures.Availability is { } availability)
                yield return new Measurement<double>(availability, new KeyValuePair<string, object?>("api", api.Api),
                    new KeyValuePair<string, object?>("opd", api.OpdCode), new KeyValuePair<string, object?>("window", report.Window));
        }
    }

    private static IEnumerable<Measurement<int>> UpstreamHealth(IProxyStateLookup proxy)
    {
        foreach (var cluster in proxy.GetClusters())
        {
            var api = cluster.Model.Config.Metadata?.GetValueOrDefault(RouteMetadataKeys.ApiPath) ?? cluster.ClusterId;
            foreach (var (id, destination) in cluster.Destinations)
            {
                var healthy = destination.Health.Active != DestinationHealth.Unhealthy && destination.Health.Passive != DestinationHealth.Unhealthy;
                yield return new Measurement<int>(healthy ? 1 : 0, new KeyValuePair<string, object?>("api", api), new KeyValuePair<string, object?>("instance", id));
            }
        }
    }
}
