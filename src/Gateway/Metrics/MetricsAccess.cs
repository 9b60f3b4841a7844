using System.Net;
using Microsoft.Extensions.Options;

namespace SpbeConnector.Gateway.Metrics;

/// <summary>Whether the caller's address is in the networks allowed to read <c>/metrics</c>.</summary>
internal static class MetricsAccess
{
    public static bool Allows(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null)
            return false;
        if (remote.IsIPv4MappedToIPv6)
            remote = remote.MapToIPv4();
        var networks = context.RequestServices.GetRequiredService<IOptionsMonitor<MetricsOptions>>().CurrentValue.AllowedNetworks;
        if (networks.Count == 0)
            return IPAddress.IsLoopback(remote);
        return networks.Any(n => IPNetwork.TryParse(n, out var network) && network.Contains(remote));
    }
}
