using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SpbeConnector.Gateway.Hosting;

/// <summary>
/// Kestrel's connection limits, hardened for a public gateway (Pasal 60 ayat (3) huruf c, anti-DDoS): bounded
/// connections, header size and count, request line and body, and timeouts that close slow-loris connections which
/// send their headers byte by byte. Each default can be overridden under <c>Kestrel:Limits</c>.
/// </summary>
public static class ConnectionHardening
{
    public static void Apply(KestrelServerOptions kestrel, IConfiguration configuration)
    {
        var limits = kestrel.Limits;
        limits.MaxConcurrentConnections = 10_000;
        limits.MaxConcurrentUpgradedConnections = 100;
        limits.MaxRequestHeaderCount = 64;
        limits.MaxRequestHeadersTotalSize = 32 * 1024;
        limits.MaxRequestLineSize = 8 * 1024;
        limits.MaxRequestBodySize = 10 * 1024 * 1024;
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.Http2.MaxStreamsPerConnection = 100;
        limits.Http2.MaxRequestHeaderFieldSize = 16 * 1024;
        limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(30);
        limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
        configuration.GetSection("Kestrel:Limits").Bind(limits);
    }
}
