using Yarp.ReverseProxy.Configuration;

namespace SpbeConnector.Gateway.Routing;

/// <summary>
/// Learns from YARP when a configuration is actually in force (YARP applies a new configuration asynchronously),
/// so that readiness and the registry version reported in <c>/readyz</c> describe what is really routed.
/// </summary>
internal sealed class RoutesAppliedListener(RegistryProxyConfigProvider provider) : IConfigChangeListener
{
    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception exception) { }

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs) { }

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception exception) { }

    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
        foreach (var config in proxyConfigs)
            provider.MarkApplied(config);
    }
}
