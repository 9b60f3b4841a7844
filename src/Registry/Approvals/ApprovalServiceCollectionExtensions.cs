using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SpbeConnector.Registry.Approvals;

public static class ApprovalServiceCollectionExtensions
{
    /// <summary>The approval profile in force (<c>Portal:ApprovalProfile</c>, checked at start) and the one approval workflow.</summary>
    public static IServiceCollection AddApprovals(this IServiceCollection services, IConfiguration configuration)
    {
        // The two-shape setting this replaces would otherwise be ignored silently, leaving a region on the default profile.
        if (configuration[$"{ApprovalOptions.Section}:ApprovalStages"] is { } stages)
            throw new InvalidOperationException(
                $"Portal:ApprovalStages ({stages}) is replaced by Portal:ApprovalProfile: set it to one of {string.Join(", ", BuiltInApprovalProfiles.All.Select(p => p.Name))} (1 stage: batu-bara or bogor; 2 stages: kota-bekasi) and remove Portal:ApprovalStages.");
        services.AddOptions<ApprovalOptions>().Bind(configuration.GetSection(ApprovalOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApprovalOptions>, ApprovalOptionsValidation>();
        services.AddSingleton<ApprovalProfiles>();
        services.AddSingleton<ApprovalWorkflow>();
        return services;
    }
}
