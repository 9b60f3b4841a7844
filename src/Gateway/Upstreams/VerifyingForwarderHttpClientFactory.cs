using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace SpbeConnector.Gateway.Upstreams;

/// <summary>
/// The HTTP client YARP forwards with: TLS 1.2+ to upstreams, certificates always verified (never
/// "accept any"), optionally against a configured CA bundle as well as the system's trust store.
/// </summary>
public sealed class VerifyingForwarderHttpClientFactory(UpstreamTrust trust, ILogger<ForwarderHttpClientFactory> logger) : ForwarderHttpClientFactory(logger)
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        trust.Configure(handler);
    }
}
