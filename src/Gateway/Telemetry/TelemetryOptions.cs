using OpenTelemetry.Exporter;

namespace SpbeConnector.Gateway.Telemetry;

/// <summary>Trace and metric export over OTLP (section <c>OpenTelemetry</c>); nothing is exported without an endpoint.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "OpenTelemetry";

    /// <summary>The OTLP collector, for example <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318</c> with <see cref="Protocol"/> HttpProtobuf.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>OTLP over gRPC (default) or HTTP/protobuf.</summary>
    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>The share of new traces (those the client did not start) recorded and exported, 0 to 1.</summary>
    public double SamplingRatio { get; set; } = 1.0;

    /// <summary>The service name the traces and metrics carry.</summary>
    public string ServiceName { get; set; } = "spbe-connector";

    /// <summary>A start-up error naming the setting, or null.</summary>
    public string? Problem() =>
        Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            ? $"OpenTelemetry:Endpoint is '{endpoint}'; it must be an absolute http or https URL of an OTLP collector (for example http://otel-collector:4317), or empty to export nothing."
            : SamplingRatio is < 0 or > 1 or double.NaN
                ? $"OpenTelemetry:SamplingRatio is {SamplingRatio}; it must be between 0 and 1."
                : null;
}
