using SpbeConnector.Registry.Contracts.Compliance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SpbeConnector.Registry.Compliance.Checks;

namespace SpbeConnector.Registry.Compliance;

/// <summary>Registers the compliance report (the mapping and its evaluator) and the registry's own checks. Other
/// projects add theirs as further <see cref="IComplianceCheck"/> services.</summary>
public static class ComplianceServiceCollectionExtensions
{
    public static IServiceCollection AddComplianceReport(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => ComplianceMapping.Current);
        services.TryAddSingleton<ComplianceEvaluator>();
        services.AddSingleton<IComplianceCheck, OpenApiCoverageCheck>();
        services.AddSingleton<IComplianceCheck, PublicApisCheck>();
        services.AddSingleton<IComplianceCheck, ApiDossierCheck>();
        services.TryAddSingleton<IComplianceApiSource, CatalogComplianceApiSource>();
        return services;
    }
}
