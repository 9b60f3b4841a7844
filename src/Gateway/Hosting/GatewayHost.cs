using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using SpbeConnector.Gateway.Demo;
using SpbeConnector.Registry.Hosting;
using SpbeConnector.Registry.OAuth;

namespace SpbeConnector.Gateway.Hosting;

/// <summary>
/// A started gateway: store migrated, demo seeded (when enabled), listeners open. Used by the command line and by
/// the tests, so that both run the gateway exactly the same way.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private GatewayHost(WebApplication app, SampleUpstream? sample, IReadOnlyList<string> urls, DemoClient? demoClient)
    {
        App = app;
        Sample = sample;
        Urls = urls;
        DemoClient = demoClient;
    }

    public WebApplication App { get; }
    public SampleUpstream? Sample { get; }

    /// <summary>The demo's client application and its credentials, when the demo runs.</summary>
    public DemoClient? DemoClient { get; }
    public IReadOnlyList<string> Urls { get; }
    public IServiceProvider Services => App.Services;

    /// <summary>The first listening address, for example <c>https://127.0.0.1:8443</c>.</summary>
    public string BaseUrl => Urls[0];

    /// <summary>Waits (at most five seconds) until the routes in force include the demo just seeded, so that the banner's commands work as printed.</summary>
    private static async Task DemoRoutedAsync(IServiceProvider services, CancellationToken ct)
    {
        var stored = await services.GetRequiredService<SpbeConnector.Registry.Contracts.IPublishedApiSource>().GetConfigVersionAsync(ct);
        var routes = services.GetRequiredService<Routing.RegistryProxyConfigProvider>();
        for (var waited = 0; routes.LoadedVersion < stored && waited < 5000; waited += 25)
            await Task.Delay(25, ct);
    }

    public static async Task<GatewayHost> StartAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken ct = default)
    {
        var app = GatewayApplication.Build(args, configure, serve: true);
        SampleUpstream? sample = null;
        try
        {
            await app.Services.MigrateRegistryAsync(ct);
            var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled;
            if (demo)
                sample = await SampleUpstream.StartAsync(ct);
            await app.StartAsync(ct);
            // Seeded once the host runs: the demo's submissions and decisions go through the approval workflow, whose
            // records go to the audit log, which appends only once it has started.
            if (sample is not null)
            {
                await app.Services.GetRequiredService<DemoSeeder>().SeedAsync(sample.BaseUrl, ct);
                await DemoRoutedAsync(app.Services, ct);
            }
        }
        catch
        {
            if (sample is not null)
                await sample.DisposeAsync();
            await app.DisposeAsync();
            throw;
        }
        var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => a.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://127.0.0.1")).ToArray();
        var issuer = app.Services.GetRequiredService<IssuerIdentity>();
        issuer.UseListeningAddress(urls[0]);
        var demoClient = sample is null ? null : app.Services.GetRequiredService<DemoSeeder>().WriteClientFile(issuer.Issuer, urls[0]);
        return new GatewayHost(app, sample, urls, demoClient);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (Sample is not null)
            await Sample.DisposeAsync();
    }
}
