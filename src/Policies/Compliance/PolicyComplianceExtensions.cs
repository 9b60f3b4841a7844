using SpbeConnector.Registry.Contracts.Compliance;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Compliance;

namespace SpbeConnector.Policies.Compliance;

/// <summary>The data-plane policies' contribution to the compliance report: one check per control they own.</summary>
public static class PolicyComplianceExtensions
{
    public static IServiceCollection AddPolicyComplianceChecks(this IServiceCollection services)
    {
        services.AddSingleton<IComplianceCheck, AuditModeCheck>();
        services.AddSingleton<IComplianceCheck, ReceiptsCheck>();
        services.AddSingleton<IComplianceCheck, FileScanningCheck>();
        services.AddSingleton<IComplianceCheck, SlaFloorCheck>();
        services.AddSingleton<IComplianceCheck, SharedLimitsCheck>();
        services.AddSingleton<IComplianceCheck, AttackDetectionCheck>();
        services.AddSingleton<IComplianceCheck, AuditKeysCheck>();
        return services;
    }
}
