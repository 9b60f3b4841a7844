using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.FileControls;

public static class FileControlsExtensions
{
    /// <summary>Adds the file controls: the clamd scanner (section <c>FileScanning</c>), the quota counter and the settings check.</summary>
    public static IServiceCollection AddFileControls(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ClamdOptions>().Bind(configuration.GetSection(ClamdOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IFileScanner, ClamdScanner>();
        services.AddSingleton<FileQuotaCounter>();
        services.AddSingleton<IApiPolicyCheck, FileControlsPolicyCheck>();
        return services.MarkAdded<FileControlsMiddleware>();
    }

    /// <summary>Quotas, type and signature checks, hashes and virus scans of uploaded files; place it right after schema validation.</summary>
    public static IApplicationBuilder UseFileControls(this IApplicationBuilder app) =>
        app.RequireAdded<FileControlsMiddleware>(nameof(AddFileControls), nameof(UseFileControls)).UseMiddleware<FileControlsMiddleware>();
}
