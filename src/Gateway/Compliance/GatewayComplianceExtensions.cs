using SpbeConnector.Registry.Contracts.Compliance;
using SpbeConnector.Portal.Compliance;
using SpbeConnector.Policies.Compliance;
using SpbeConnector.Registry.Compliance;

namespace SpbeConnector.Gateway.Compliance;

/// <summary>The compliance report with every project's checks: the registry's, the policies', and the gateway's own
/// (TLS set-up, server certificate, upstream transport, demo, the SBOM and the security analysis of the build), which only the host can see.</summary>
public static class GatewayComplianceExtensions
{
    public static IServiceCollection AddGatewayCompliance(this IServiceCollection services)
    {
        services.AddComplianceReport();
        services.AddPolicyComplianceChecks();
        services.AddSingleton<IComplianceCheck, TlsCheck>();
        services.AddSingleton<IComplianceCheck, ServerCertificateCheck>();
        services.AddSingleton<IComplianceCheck, UpstreamTlsCheck>();
        services.AddSingleton<IComplianceCheck, DemoCheck>();
        services.AddSingleton<SbomFile>();
        services.AddSingleton<IComplianceCheck, SbomCheck>();
        services.AddSingleton<SecurityAnalysisFile>();
        services.AddSingleton<IComplianceCheck, CodeAnalysisCheck>();
        services.AddSingleton<IComplianceCheck, DependencyScanCheck>();
        services.AddSingleton<IComplianceBuildSource, GatewayBuildSource>();
        services.AddSingleton<ServedComplianceReport>();
        return services;
    }
}
