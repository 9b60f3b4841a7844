using Microsoft.Extensions.Logging;
using SpbeConnector.Gateway.Upstreams;
using SpbeConnector.Policies.Routing;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Contracts;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace SpbeConnector.Gateway.Routing;

/// <summary>
/// Turns the registry's routed APIs into YARP routes and clusters: one cluster per API, one route for the public
/// path <c>/{opd}/{api}/{version}/{**rest}</c> and one for each national-connector alias
/// <c>/t/{tenant}/{api}/{version}/{**rest}</c> (the tenant being the OPD's tenant domain or its code).
/// A pure function of the snapshot, so that what the gateway routes is testable without a server.
/// </summary>
public static partial class ProxyConfigBuilder
{
    private const string TransportFailureRateLimitKey = "TransportFailureRateHealthPolicy.RateLimit";

    public sealed record Result(IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters);

    /// <summary>The routes and the cluster of one API; built once per change of the API and reused until the next.</summary>
    public sealed record ApiRoutes(IReadOnlyList<RouteConfig> Routes, ClusterConfig Cluster);

    public static Result Build(PublishedApiSnapshot snapshot, UpstreamOptions upstreams, ILogger logger)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var api in snapshot.Apis)
        {
            if (BuildApi(api, upstreams, logger) is not { } built)
                continue;
            clusters.Add(built.Cluster);
            routes.AddRange(built.Routes);
        }
        return new Result(routes, clusters);
    }

    /// <summary>The routes and cluster of one API; null when it must not be routed (its upstreams are refused).</summary>
    public static ApiRoutes? BuildApi(PublishedApi api, UpstreamOptions upstreams, ILogger logger)
    {
        // Defence in depth: the catalog refuses plain-HTTP upstreams, but a store edited behind its back must not
        // make the gateway forward in clear text either (Pasal 59 ayat (11) huruf a).
        var refused = api.UpstreamUrls.Select(u => RegistryRules.CheckUpstream(u, api.AllowInsecureUpstream)).FirstOrDefault(p => p is not null);
        if (refused is not null || api.UpstreamUrls.Count == 0)
        {
            LogApiSkipped(logger, api.PathPrefix, refused ?? "has no upstream");
            return null;
        }

        var clusterId = $"api-{api.Id:N}";
        // What the data-plane steps know of the API, compiled once here and carried by each of its routes.
        var routed = new RoutedApi(api);
        var cluster = new ClusterConfig
        {
            ClusterId = clusterId,
            Metadata = new Dictionary<string, string>
            {
                [RouteMetadataKeys.ApiPath] = routed.ApiPath,
                [TransportFailureRateLimitKey] = upstreams.CircuitFailureRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            // Passive health is the circuit breaker: instances failing at transport level leave the rotation and
            // are retried after the reopen period.
            HealthCheck = new HealthCheckConfig
            {
                // With every instance's circuit open the gateway answers 503 at once, rather than YARP's default
                // "panic" of trying the failed instances anyway.
                AvailableDestinationsPolicy = "HealthyAndUnknown",
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = "TransportFailureRate",
                    ReactivationPeriod = upstreams.CircuitReopenAfter,
                },
                Active = ActiveHealthCheck(api),
            },
            LoadBalancingPolicy = "PowerOfTwoChoices",
            Destinations = api.UpstreamUrls
                .Select((url, i) => (url, i))
                .ToDictionary(d => $"upstream-{d.i}", d => new DestinationConfig { Address = d.url }),
            HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig
            {
                // A hung upstream is answered with 504 after the API's own timeout (or the gateway's default).
                ActivityTimeout = api.UpstreamTimeout ?? upstreams.RequestTimeout,
            },
        };

        var metadata = routed.RouteMetadata;
        var routes = new List<RouteConfig> { Route($"{clusterId}-public", clusterId, $"{api.PathPrefix}/{{**rest}}", metadata) };
        foreach (var tenant in Tenants(api))
            routes.Add(Route($"{clusterId}-splp-{tenant}", clusterId, $"/t/{tenant}/{api.Slug}/{api.Version}/{{**rest}}", metadata));
        return new ApiRoutes(routes, cluster);
    }

    /// <summary>
    /// Probes each instance at the API's health path, when it has one: an instance failing two probes in a row leaves
    /// the rotation before any client meets its failure, and returns after its next good answer. Each probe waits at
    /// most the interval (and never more than 10 s), so that probes do not pile up.
    /// </summary>
    private static ActiveHealthCheckConfig? ActiveHealthCheck(PublishedApi api)
    {
        if (api.HealthCheckPath is null)
            return null;
        var interval = api.HealthCheckInterval ?? TimeSpan.FromSeconds(10);
        return new ActiveHealthCheckConfig
        {
            Enabled = true,
            Interval = interval,
            Timeout = interval < TimeSpan.FromSeconds(10) ? interval : TimeSpan.FromSeconds(10),
            Policy = "ConsecutiveFailures",
            Path = api.HealthCheckPath,
        };
    }

    private static IEnumerable<string> Tenants(PublishedApi api)
    {
        yield return api.OpdCode;
        if (!string.IsNullOrEmpty(api.TenantDomain) && api.TenantDomain != api.OpdCode)
            yield return api.TenantDomain;
    }

    private static RouteConfig Route(string routeId, string clusterId, string path, IReadOnlyDictionary<string, string> metadata) =>
        new RouteConfig
        {
            RouteId = routeId,
            ClusterId = clusterId,
            Match = new RouteMatch { Path = path },
            Metadata = metadata,
        }.WithTransformPathRouteValues("/{**rest}");

    [LoggerMessage(Level = LogLevel.Error, Message = "API {PathPrefix} is not routed: its upstream {Problem}")]
    private static partial void LogApiSkipped(ILogger logger, string pathPrefix, string problem);
}
