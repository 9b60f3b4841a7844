using System.Net;

using SpbeConnector.Gateway.Hosting;

namespace SpbeConnector.Gateway.TrustedProxies;

/// <summary>
/// The networks of the proxies (load balancers) whose forwarding headers the gateway believes: <c>Gateway:TrustedProxies</c>,
/// empty by default (nobody's). Behind a load balancer every connection comes from the balancer; only a proxy in these
/// networks may say who the real client is (X-Forwarded-For, X-Forwarded-Proto) and which certificate it presented.
/// </summary>
public sealed class TrustedProxyNetworks
{
    public const string Setting = GatewayOptions.Section + ":" + nameof(GatewayOptions.TrustedProxies);

    private readonly IPNetwork[] _networks;

    private TrustedProxyNetworks(IPNetwork[] networks) => _networks = networks;

    public static TrustedProxyNetworks None { get; } = new([]);

    public IReadOnlyList<IPNetwork> Networks => _networks;

    public bool IsEmpty => _networks.Length == 0;

    /// <summary>Whether a connection from <paramref name="peer"/> comes from a trusted proxy (IPv4-mapped IPv6 counts as IPv4).</summary>
    public bool Contains(IPAddress? peer)
    {
        if (peer is null || _networks.Length == 0)
            return false;
        if (peer.IsIPv4MappedToIPv6)
            peer = peer.MapToIPv4();
        foreach (var network in _networks)
        {
            if (network.Contains(peer))
                return true;
        }
        return false;
    }

    /// <summary>
    /// Reads the setting as a JSON array (<c>"TrustedProxies": ["10.0.0.5/32"]</c>) or as one comma-separated value
    /// (<c>Gateway__TrustedProxies=10.0.0.5/32,10.0.1.0/24</c>, the form an environment variable takes).
    /// </summary>
    public static TrustedProxyNetworks FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Setting);
        var entries = new List<string>();
        if (section.Value is { } single)
            entries.AddRange(Split(single));
        foreach (var child in section.GetChildren())
        {
            if (child.Value is { } value)
                entries.AddRange(Split(value));
        }
        return Parse(entries);
    }

    /// <summary>CIDR networks, or single addresses (a /32 or /128); anything else stops the start naming the entry.</summary>
    public static TrustedProxyNetworks Parse(IEnumerable<string> entries)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            IPNetwork network;
            if (IPAddress.TryParse(entry, out var address) && !entry.Contains('/'))
                network = new IPNetwork(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            else if (!IPNetwork.TryParse(entry, out network))
                throw new InvalidOperationException(
                    $"{Setting} has '{entry}', which is neither a network in CIDR notation (10.0.0.0/24) nor an address; list the load balancers' addresses, for example 10.0.0.5/32.");
            if (network.PrefixLength == 0)
                throw new InvalidOperationException(
                    $"{Setting} has '{entry}', which trusts every address: any client could then choose the address the gateway sees. List only the load balancers' networks.");
            networks.Add(network);
        }
        return new TrustedProxyNetworks([.. networks.Distinct()]);
    }

    private static IEnumerable<string> Split(string value) =>
        value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => _networks.Length == 0 ? "(none)" : string.Join(", ", _networks);
}
