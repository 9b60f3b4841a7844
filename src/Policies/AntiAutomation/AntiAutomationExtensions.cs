using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpbeConnector.Policies.AntiAutomation.Alerts;
using SpbeConnector.Policies.AntiAutomation.Plans;

namespace SpbeConnector.Policies.AntiAutomation;

public static class AntiAutomationExtensions
{
    /// <summary>
    /// Registers limits, blocks, attack detection and alerting. With <c>AntiAutomation:Redis</c> set, limits are
    /// counted in Redis, exactly across every node, and temporary blocks are shared by every node; otherwise in this process,
    /// and, given a <paramref name="dataDirectory"/>, saved there every second so that a restart keeps the plans' counts
    /// (<see cref="DurableRateLimitCounter"/>).
    /// </summary>
    public static IServiceCollection AddAntiAutomation(this IServiceCollection services, IConfiguration configuration, string? dataDirectory = null)
    {
        var redis = !string.IsNullOrWhiteSpace(configuration.GetSection(AntiAutomationOptions.Section)[nameof(AntiAutomationOptions.Redis)]);
        services.AddOptions<AntiAutomationOptions>().Bind(configuration.GetSection(AntiAutomationOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => QuotaTimeZone.Find(o.QuotaTimeZone) is not null,
                "AntiAutomation:QuotaTimeZone names no time zone this system knows; use an IANA name such as Asia/Jakarta, Asia/Makassar or Asia/Jayapura (and install tzdata)")
            .Validate(o => o.ConcurrencyLeaseTimeout >= TimeSpan.FromSeconds(10),
                "AntiAutomation:ConcurrencyLeaseTimeout must be at least 00:00:10 (longer than any request should take)")
            .ValidateOnStart();
        services.AddSingleton<LocalRateLimitCounter>();
        services.AddSingleton<RedisRateLimitCounter>();
        var durable = !redis && dataDirectory is not null;
        if (durable)
        {
            services.AddSingleton(_ => new RateLimitCounterStore(Path.Combine(dataDirectory!, RateLimitCounterStore.FileName)));
            services.AddSingleton<DurableRateLimitCounter>();
            services.AddHostedService(sp => sp.GetRequiredService<DurableRateLimitCounter>());
        }
        services.AddSingleton<IRateLimitCounter>(sp => UsesRedis(sp) ? sp.GetRequiredService<RedisRateLimitCounter>()
            : durable ? sp.GetRequiredService<DurableRateLimitCounter>()
            : sp.GetRequiredService<LocalRateLimitCounter>());
        services.AddSingleton<LocalConcurrencyLimiter>();
        services.AddSingleton<RedisConcurrencyLimiter>();
        services.AddSingleton<IConcurrencyLimiter>(sp => UsesRedis(sp)
            ? sp.GetRequiredService<RedisConcurrencyLimiter>()
            : sp.GetRequiredService<LocalConcurrencyLimiter>());
        services.AddSingleton<TemporaryBlocks>();
        services.AddSingleton<PlanRules>();
        if (redis)
            services.AddHostedService<RedisBlockSharing>();
        services.AddSingleton<AttackDetector>();
        services.AddSingleton<AlertHub>();
        services.AddHttpClient(AlertWebhookSender.ClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService<AlertWebhookSender>();
        return services.MarkAdded<SourceAddressSheddingMiddleware>();
    }

    private static bool UsesRedis(IServiceProvider services) =>
        !string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<AntiAutomationOptions>>().Value.Redis);

    /// <summary>Cheap shedding by source address, before any cryptography (DataPlanePipeline, step 3).</summary>
    public static IApplicationBuilder UseSourceAddressShedding(this IApplicationBuilder app) =>
        app.RequireAdded<SourceAddressSheddingMiddleware>(nameof(AddAntiAutomation), nameof(UseSourceAddressShedding)).UseMiddleware<SourceAddressSheddingMiddleware>(SourceAddressLimit.Proxied);

    /// <summary>
    /// Blocks and the per-source limit of the token endpoint at <paramref name="tokenPath"/>, placed before routing so
    /// that a refused request never reaches client authentication (no secret hashing, no signature verification).
    /// </summary>
    public static IApplicationBuilder UseTokenEndpointShedding(this IApplicationBuilder app, PathString tokenPath) =>
        app.RequireAdded<SourceAddressSheddingMiddleware>(nameof(AddAntiAutomation), nameof(UseTokenEndpointShedding)).UseWhen(context => context.Request.Path.Equals(tokenPath, StringComparison.OrdinalIgnoreCase),
            branch => branch.UseMiddleware<SourceAddressSheddingMiddleware>(SourceAddressLimit.TokenEndpoint));

    /// <summary>The limits of the caller's plan and the API's operation limits; after authorization, when the subscription is known.</summary>
    public static IApplicationBuilder UsePlanLimits(this IApplicationBuilder app) =>
        app.RequireAdded<SourceAddressSheddingMiddleware>(nameof(AddAntiAutomation), nameof(UsePlanLimits)).UseMiddleware<PlanLimitMiddleware>();

    /// <summary>Attack detection over completed exchanges.</summary>
    public static IApplicationBuilder UseAttackDetection(this IApplicationBuilder app) =>
        app.RequireAdded<SourceAddressSheddingMiddleware>(nameof(AddAntiAutomation), nameof(UseAttackDetection)).UseMiddleware<AttackDetectionMiddleware>();
}
