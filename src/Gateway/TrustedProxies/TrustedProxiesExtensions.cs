using Microsoft.AspNetCore.HttpOverrides;

namespace SpbeConnector.Gateway.TrustedProxies;

/// <summary>
/// The edge behind a load balancer, done once for the whole pipeline with the framework's own middleware: from a
/// trusted proxy, X-Forwarded-For and X-Forwarded-Proto become the connection's remote address and scheme
/// (<c>UseForwardedHeaders</c>) and the forwarded client certificate becomes the connection's certificate
/// (<c>UseCertificateForwarding</c>); from anyone else they are removed unread. Per-source limits, attack detection,
/// the audit record, mutual-TLS client authentication and certificate-bound tokens then simply read the connection
/// (Pasal 60 ayat (3) huruf c: per-source protection; Pasal 59 ayat (9): who exchanged what; ayat (3) huruf i).
/// </summary>
public static class TrustedProxiesExtensions
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, TrustedProxySettings settings)
    {
        services.AddSingleton(settings);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; here only what the operator listed.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in settings.Networks.Networks)
                options.KnownIPNetworks.Add(network);
            // No fixed count of hops: the framework walks X-Forwarded-For from the right while the address it reaches is
            // a trusted proxy, so the client is the first address not in the list, however many trusted proxies relay.
            options.ForwardLimit = null;
        });
        if (settings.ClientCertificateHeader is { } header)
        {
            services.AddCertificateForwarding(options =>
            {
                options.CertificateHeader = header;
                options.HeaderConverter = ForwardedClientCertificate.Parse;
            });
        }
        return services;
    }

    /// <summary>The edge: first in the pipeline, before anything reads the remote address or the client certificate.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        var settings = app.ApplicationServices.GetRequiredService<TrustedProxySettings>();
        app.UseMiddleware<UntrustedForwardingHeadersMiddleware>();
        if (settings.Networks.IsEmpty)
            return app;
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TrustedProxiesExtensions).FullName!);
        TrustedProxiesLog.Trusting(logger, settings.Networks, settings.ClientCertificateHeader ?? "(none)");
        app.UseForwardedHeaders();
        if (settings.ClientCertificateHeader is not null)
            app.UseCertificateForwarding();
        app.UseMiddleware<ConsumedForwardingHeadersMiddleware>();
        return app;
    }
}
