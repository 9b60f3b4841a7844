using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpbeConnector.Policies.AntiAutomation.Alerts;

namespace SpbeConnector.Policies.AntiAutomation;

public static class AntiAutomationServiceCollectionExtensions
{
    /// <summary>
    /// Registers limits, blocks, attack detection and alerting. With <c>AntiAutomation:Redis</c> set, limits are
    /// counted in Redis, exactly across every node, and temporary blocks are shared by every node; otherwise in this process.
    /// </summary>
    public static IServiceCollection AddAntiAutomation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AntiAutomationOptions>().Bind(configuration.GetSection(AntiAutomationOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LocalRateLimitCounter>();
        services.AddSingleton<IRateLimitCounter>(sp =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<AntiAutomationOptions>>().Value.Redis)
                ? sp.GetRequiredService<LocalRateLimitCounter>()
                : ActivatorUtilities.CreateInstance<RedisRateLimitCounter>(sp));
        services.AddSingleton<TemporaryBlocks>();
        if (!string.IsNullOrWhiteSpace(configuration.GetSection(AntiAutomationOptions.Section)[nameof(AntiAutomationOptions.Redis)]))
            services.AddHostedService<RedisBlockSharing>();
        services.AddSingleton<AttackDetector>();
        services.AddSingleton<AlertHub>();
        services.AddHttpClient(AlertWebhookSender.ClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService<AlertWebhookSender>();
        return services;
    }

    /// <summary>Cheap shedding by source address; first in the data plane, before any cryptography.</summary>
    public static IApplicationBuilder UseSourceAddressShedding(this IApplicationBuilder app) => app.UseMiddleware<SourceAddressSheddingMiddleware>();

    /// <summary>Attack detection over completed exchanges.</summary>
    public static IApplicationBuilder UseAttackDetection(this IApplicationBuilder app) => app.UseMiddleware<AttackDetectionMiddleware>();
}
