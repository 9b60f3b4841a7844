using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SpbeConnector.Policies.Sla;

public static class SlaExtensions
{
    /// <summary>
    /// Adds the service-level measurement (Pasal 60 ayat (3) huruf m): the recorder, its store
    /// (<c>{data}/sla/sla.db</c> unless <c>Sla:StorePath</c>), the floor watch and the monitor.
    /// </summary>
    public static IServiceCollection AddServiceLevel(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<SlaOptions>().Bind(configuration.GetSection(SlaOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlaOptions>, SlaOptionsValidation>();
        services.AddSingleton<SlaRecorder>();
        services.AddSingleton<ISlaStore>(sp => new SqliteSlaStore(
            sp.GetRequiredService<IOptions<SlaOptions>>().Value.StorePath is { Length: > 0 } path ? path : StorePath(dataDirectory)));
        services.AddSingleton<SlaFloorWatch>();
        services.AddSingleton<SlaMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaMonitor>());
        return services.MarkAdded<SlaRecordingMiddleware>();
    }

    /// <summary>The default store of per-minute counts in a data directory.</summary>
    public static string StorePath(string dataDirectory) => Path.Combine(dataDirectory, "sla", "sla.db");

    /// <summary>Records each proxied request's outcome for its API's service level.</summary>
    public static IApplicationBuilder UseServiceLevelRecording(this IApplicationBuilder app) =>
        app.RequireAdded<SlaRecordingMiddleware>(nameof(AddServiceLevel), nameof(UseServiceLevelRecording)).UseMiddleware<SlaRecordingMiddleware>();
}
