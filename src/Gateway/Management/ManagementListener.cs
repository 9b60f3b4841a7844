using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SpbeConnector.Gateway.Management;

/// <summary>
/// The separate listener of the management interfaces (<c>Gateway:ManagementUrls</c>, e.g. an internal address;
/// Pasal 59 ayat (6) huruf c: the administrator-side interface is controlled). Its addresses are bound beside the
/// public ones, and each connection accepted on one is marked (<see cref="ManagementConnection"/>), so that
/// <see cref="ManagementListenerMiddleware"/> can tell the listeners apart whatever port the system assigned.
/// </summary>
public sealed class ManagementListener
{
    private readonly List<(string Host, int Port)> _endpoints = [];

    public ManagementListener(string? managementUrls, string publicUrls)
    {
        Urls = (managementUrls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var url in Urls)
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri) || uri.Scheme != "https")
                throw new InvalidOperationException($"Gateway:ManagementUrls holds '{url}', which is not an https:// URL such as https://10.0.0.5:9443.");
            if (publicUrls.Split(';', StringSplitOptions.TrimEntries).Contains(url, StringComparer.OrdinalIgnoreCase))
                throw new InvalidOperationException($"Gateway:ManagementUrls holds '{url}', which is also a public URL (urls); give the management listener its own address or port.");
            _endpoints.Add((uri.Host.Trim('[', ']'), uri.Port));
            if (!uri.Host.Equals("0.0.0.0", StringComparison.Ordinal) && uri.Host != "[::]")
                HostNames.Add(uri.Host);
        }
    }

    /// <summary>The management URLs as configured; empty when the option is unset (one listener, as before).</summary>
    public IReadOnlyList<string> Urls { get; }

    public bool Enabled => Urls.Count > 0;

    /// <summary>The host names of the management URLs, served by the edge beside the public ones.</summary>
    public List<string> HostNames { get; } = [];

    /// <summary>Marks the connections of a listener that is one of the management URLs (Kestrel endpoint defaults).</summary>
    public void Configure(ListenOptions listen)
    {
        if (listen.EndPoint is not IPEndPoint endpoint || !_endpoints.Any(e => Matches(e.Host, e.Port, endpoint)))
            return;
        listen.Use(next => connection =>
        {
            connection.Features.Set(ManagementConnection.Instance);
            return next(connection);
        });
    }

    private static bool Matches(string host, int port, IPEndPoint endpoint)
    {
        if (port != endpoint.Port)
            return false;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return IPAddress.IsLoopback(endpoint.Address);
        if (host == "0.0.0.0" || host == "::")
            return endpoint.Address.Equals(IPAddress.Any) || endpoint.Address.Equals(IPAddress.IPv6Any);
        return IPAddress.TryParse(host, out var address) && address.Equals(endpoint.Address);
    }
}
