using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;
using SpbeConnector.Policies.UpstreamErrors;

namespace SpbeConnector.Gateway.Upstreams;

/// <summary>
/// YARP's transport-failure-rate circuit, fed only with what the upstream did: a forwarding failure the request
/// caused (<see cref="ForwardingFailureBlame"/>) is not reported to it at all. YARP counts every forwarding error
/// against the destination, so ten requests with a header the HTTP client cannot send took a healthy upstream out of
/// rotation for every client (issue 14, item 1).
/// </summary>
public sealed class UpstreamFaultOnlyHealthPolicy(IPassiveHealthCheckPolicy inner) : IPassiveHealthCheckPolicy
{
    public string Name => inner.Name;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        if (context.Features.Get<IForwarderErrorFeature>() is { } error && ForwardingFailureBlame.IsCausedByRequest(error))
            return;
        inner.RequestProxied(context, cluster, destination);
    }

    /// <summary>Wraps YARP's own transport-failure-rate policy (internal to YARP, so found by its registration).</summary>
    public static IServiceCollection Decorate(IServiceCollection services)
    {
        var yarp = services.SingleOrDefault(d => d.ServiceType == typeof(IPassiveHealthCheckPolicy) && d.ImplementationType?.Name == "TransportFailureRateHealthPolicy")
            ?? throw new InvalidOperationException("YARP's TransportFailureRateHealthPolicy registration was not found (a YARP upgrade?): the upstream circuit could not be protected from failures the requests cause.");
        services.Remove(yarp);
        services.AddSingleton<IPassiveHealthCheckPolicy>(sp =>
            new UpstreamFaultOnlyHealthPolicy((IPassiveHealthCheckPolicy)ActivatorUtilities.CreateInstance(sp, yarp.ImplementationType!)));
        return services;
    }
}
