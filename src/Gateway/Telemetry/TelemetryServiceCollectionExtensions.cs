using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SpbeConnector.Policies.Metrics;
using SpbeConnector.Policies.Tracing;

namespace SpbeConnector.Gateway.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// W3C Trace Context through the gateway: ASP.NET Core continues the client's <c>traceparent</c> (or starts a
    /// trace), YARP's forwarder sends it on to the upstream with the gateway's span as parent, and the trace id reaches
    /// the logs, the audit record and problem details. Spans are recorded for a trace the client sampled, or for the
    /// sampled share of new traces when <c>OpenTelemetry:Endpoint</c> exports them; every other request carries its
    /// ids only (nothing recorded, nothing allocated for the gateway's own steps). Metrics go over OTLP only with an
    /// endpoint; <c>/metrics</c> is served by the gateway's own exporter either way.
    /// </summary>
    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services, IConfiguration configuration, string nodeId)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.Problem() is { } problem)
            throw new InvalidOperationException(problem);
        var exporting = options.Endpoint is not null;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName, serviceInstanceId: nodeId))
            .WithTracing(tracing =>
            {
                // A client's sampling decision is kept (its trace is recorded and forwarded as sampled); new traces
                // are recorded only when exported.
                tracing.SetSampler(new ParentBasedSampler(exporting ? new TraceIdRatioBasedSampler(options.SamplingRatio) : new AlwaysOffSampler()))
                    .AddSource(GatewayTracing.SourceName)
                    // The request's span; health probes and scrapes are not traced.
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                    // The upstream call (YARP's forwarder is an HttpClient) and the gateway's own outbound calls.
                    .AddHttpClientInstrumentation();
                if (exporting)
                    tracing.AddOtlpExporter(o => Configure(o, options, "v1/traces"));
            });
        if (exporting)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddMeter(GatewayMeter.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter(o => Configure(o, options, "v1/metrics")));
        }
        return services;
    }

    private static void Configure(OtlpExporterOptions otlp, TelemetryOptions options, string signalPath)
    {
        // Over HTTP an endpoint set in code is used as given, so each signal's path is added here (gRPC needs none).
        otlp.Protocol = options.Protocol;
        otlp.Endpoint = options.Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(options.Endpoint!.AbsoluteUri.TrimEnd('/') + "/" + signalPath)
            : options.Endpoint!;
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics");
}
