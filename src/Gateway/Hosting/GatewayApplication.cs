using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.AspNetCore.HttpsPolicy;
using Serilog;
using Serilog.Extensions.Logging;
using SpbeConnector.Gateway.Demo;
using SpbeConnector.Gateway.Edge;
using SpbeConnector.Gateway.Errors;
using SpbeConnector.Gateway.Logging;
using SpbeConnector.Gateway.Metrics;
using SpbeConnector.Gateway.OpenApi;
using SpbeConnector.Gateway.Pipeline;
using SpbeConnector.Gateway.Routing;
using SpbeConnector.Gateway.Telemetry;
using SpbeConnector.Gateway.Tls;
using SpbeConnector.Gateway.TrustedProxies;
using SpbeConnector.Gateway.Upstreams;
using SpbeConnector.Gateway.AdminApi;
using SpbeConnector.Gateway.Compliance;
using SpbeConnector.Gateway.Management;
using SpbeConnector.Policies;
using SpbeConnector.Policies.AntiAutomation;
using SpbeConnector.Policies.Metrics;
using SpbeConnector.Policies.UpstreamRetry;
using SpbeConnector.Policies.Access;
using SpbeConnector.Policies.Cors;
using SpbeConnector.Policies.Csrf;
using SpbeConnector.Policies.FileControls;
using SpbeConnector.Audit.Hosting;
using SpbeConnector.Policies.RequestSignatures;
using SpbeConnector.Policies.Sla;
using SpbeConnector.Registry.AdminApi.Security;
using SpbeConnector.Registry.Hosting;
using SpbeConnector.Portal;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Forwarder;

namespace SpbeConnector.Gateway.Hosting;

/// <summary>The composition of the gateway: configuration, TLS, logging, services and the pipeline.</summary>
public static class GatewayApplication
{
    private const string SettingsFilesKey = "runtime-settings-files";

    /// <param name="serve">
    /// True for a server: it takes the data directory's lock (<see cref="DataDirectoryLock"/>) before writing anything
    /// there, and holds it until the application is disposed. Command-line tools that only read, or write the registry
    /// (which many processes may share), build without it.
    /// </param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, bool serve = false)
    {
        StrictHttp1Parsing.RefuseBareLineFeeds();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);
        var configuration = builder.Configuration;

        var data = DataDirectory.Resolve(configuration["DataDirectory"]);
        var dataLock = serve ? DataDirectoryLock.Acquire(data.Path) : null;
        try
        {
            return Build(builder, data, dataLock);
        }
        catch
        {
            dataLock?.Dispose();
            throw;
        }
    }

    private static WebApplication Build(WebApplicationBuilder builder, DataDirectory data, DataDirectoryLock? dataLock)
    {
        var configuration = builder.Configuration;
        if (dataLock is not null)
            builder.Services.AddSingleton(_ => dataLock); // made by a factory, so that the container disposes (releases) it with the host
        // Settings changed at run time through the admin API (limits, detection) live here and reload without a restart.
        // The file provider is ours, not one the JSON source makes itself: that one is never disposed, and its inotify
        // watch would outlive the host (128 per user by default), which a process starting many hosts runs out of.
        var settingsFiles = new PhysicalFileProvider(data.Path);
        configuration.AddJsonFile(settingsFiles, AntiAutomationSettingsFile.FileName, optional: true, reloadOnChange: true);
        builder.Services.AddKeyedSingleton(SettingsFilesKey, (_, _) => settingsFiles);
        var serilog = GatewayLogging.Create(configuration, data);
        // Serilog as the only logging provider, with the diagnostic context the request log reads.
        builder.Services.AddSerilog(serilog, dispose: true);
        builder.Services.AddSingleton(serilog);
        var startupLogger = new SerilogLoggerFactory(serilog).CreateLogger("SpbeConnector.Gateway.Startup");

        var gatewayOptions = configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        var tlsOptions = configuration.GetSection(TlsOptions.Section).Get<TlsOptions>() ?? new TlsOptions();
        var certificate = ServerCertificateLoader.Load(tlsOptions, data, TimeProvider.System, startupLogger);
        var management = ConfigureListeners(builder, gatewayOptions, certificate);

        // The first-start token only creates the first administrator; every other act needs a named caller.
        var bootstrapCredential = BootstrapCredential.Load(data, configuration["Admin:Token"]);
        var services = builder.Services;
        // Graceful shutdown (Pasal 60 ayat (3) huruf m: no request lost to a planned restart): Kestrel stops accepting
        // at once and waits for requests in flight up to the drain timeout; the audit log then writes its queue.
        if (gatewayOptions.DrainTimeout <= TimeSpan.Zero)
            throw new InvalidOperationException(
                $"Gateway:DrainTimeout is {gatewayOptions.DrainTimeout}; it must be positive (for example 00:00:30), or requests in flight are cut at every stop.");
        services.Configure<HostOptions>(o => o.ShutdownTimeout = gatewayOptions.DrainTimeout);
        services.AddTrustedProxies(TrustedProxySettings.FromConfiguration(configuration));
        services.AddSingleton(new FirstRunSecrets(bootstrapCredential.NewlyGeneratedToken));
        services.AddRegistry(configuration, data, bootstrapCredential);
        services.AddRegistryPortal(configuration);
        services.AddManagementCallers();
        services.AddSingleton<SpbeConnector.Portal.SecurityView.AuditReview>();
        services.AddMetrics();
        services.AddGatewayTelemetry(configuration, configuration["Audit:NodeId"] is { Length: > 0 } node ? node : Environment.MachineName);
        services.AddSingleton<PrometheusExporter>();
        services.AddSingleton<GatewayStateGauges>();
        services.Configure<MetricsOptions>(configuration.GetSection(MetricsOptions.Section));
        services.AddSingleton(sp => new AntiAutomationSettingsFile(data, (IConfigurationRoot)sp.GetRequiredService<IConfiguration>()));
        services.AddGatewayAudit(configuration, data.Path);
        // Every data-plane step, in the order DataPlanePipeline places them.
        services.AddDataPlanePolicies(configuration, data.Path);
        // The catalog's API page shows what the SLA monitor measured, in place of the registry's "nothing measured".
        services.Replace(ServiceDescriptor.Singleton<SpbeConnector.Portal.Browsing.IApiServiceLevelSource, SpbeConnector.Portal.Sla.SlaMonitorServiceLevelSource>());
        services.AddGatewayCompliance();
        services.AddGatewayProblemDetails();
        services.AddGatewayEdge(gatewayOptions, certificate, startupLogger, management.HostNames);
        services.AddGatewayOpenApi();
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        services.AddSingleton<DemoSeeder>();
        services.Configure<UpstreamOptions>(configuration.GetSection(UpstreamOptions.Section));
        services.Configure<UpstreamRetryOptions>(configuration.GetSection(UpstreamOptions.Section));
        services.Configure<HstsOptions>(o =>
        {
            o.MaxAge = tlsOptions.HstsMaxAge;
            o.IncludeSubDomains = false;
            o.ExcludedHosts.Clear(); // HSTS on every host name, loopback included: there is no plain-HTTP listener to fall back to.
        });

        services.AddSingleton<RegistryProxyConfigProvider>();
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<RegistryProxyConfigProvider>());
        services.AddHostedService(sp => sp.GetRequiredService<RegistryProxyConfigProvider>());
        services.AddSingleton<IConfigChangeListener, RoutesAppliedListener>();
        services.AddReverseProxy();
        UpstreamFaultOnlyHealthPolicy.Decorate(services);
        services.AddOptions<TransportFailureRateHealthPolicyOptions>().Configure<IOptions<UpstreamOptions>>((circuit, upstreams) =>
        {
            circuit.DetectionWindowSize = upstreams.Value.CircuitWindow;
            circuit.MinimalTotalCountThreshold = upstreams.Value.CircuitMinimalRequests;
            circuit.DefaultFailureRateLimit = upstreams.Value.CircuitFailureRate;
        });
        services.AddSingleton<UpstreamTrust>();
        services.AddSingleton<IForwarderHttpClientFactory, VerifyingForwarderHttpClientFactory>();
        // Calls the policies make to other servers (external issuers' metadata and keys, upstream token endpoints)
        // verify certificates exactly as forwarding does.
        services.AddHttpClient(OutboundHttp.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var handler = new SocketsHttpHandler();
                sp.GetRequiredService<UpstreamTrust>().Configure(handler);
                return handler;
            });

        var app = builder.Build();
        // Created through the container so that the container disposes it with the host.
        app.Services.GetRequiredKeyedService<PhysicalFileProvider>(SettingsFilesKey);
        app.Services.GetService<DataDirectoryLock>();
        GatewayPipeline.Configure(app);
        return app;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5398:Avoid hardcoded SslProtocols values", Justification = "The versions are fixed on purpose: the regulation asks for TLS 1.2 at least (Pasal 60 ayat (3) huruf a); the operating system's choice could include TLS 1.0 and 1.1.")]
    private static ManagementListener ConfigureListeners(WebApplicationBuilder builder, GatewayOptions options, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(urls))
        {
            urls = GatewayOptions.DefaultUrl;
            builder.WebHost.UseUrls(urls);
        }
        var plain = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (plain.Length > 0 && !options.AllowPlainHttp)
            throw new InvalidOperationException(
                $"Refusing to listen on plain HTTP ({string.Join(", ", plain)}): the gateway serves HTTPS only. Use https:// URLs, " +
                "or set Gateway:AllowPlainHttp=true if a TLS-terminating load balancer on a closed network sits in front.");

        var management = new ManagementListener(options.ManagementUrls, urls);
        if (management.Enabled)
            builder.WebHost.UseUrls(string.Join(';', [urls, .. management.Urls]));
        builder.Services.AddSingleton(management);

        var cipherSuites = TlsPolicy.CreateCipherSuitesPolicy();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ConfigureEndpointDefaults(management.Configure);
            kestrel.AddServerHeader = false;
            ConnectionHardening.Apply(kestrel, builder.Configuration);
            StrictHttp1Parsing.RefuseSignedContentLength(kestrel);
            kestrel.ConfigureHttpsDefaults(https =>
            {
                https.ServerCertificate = certificate;
                https.SslProtocols = TlsPolicy.Protocols;
                // Client certificates are asked for, never required (Pasal 60 ayat (3) huruf i): clients authenticate
                // with them at the token endpoint (RFC 8705) and present them with certificate-bound tokens. They are
                // accepted here whatever their issuer; what a certificate proves is decided where it is used, by its
                // registered thumbprint.
                https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.AllowCertificate;
                https.ClientCertificateValidation = (_, _, _) => true;
                if (cipherSuites is not null)
                    https.OnAuthenticate = (_, ssl) => ssl.CipherSuitesPolicy = cipherSuites;
            });
        });
        return management;
    }
}
