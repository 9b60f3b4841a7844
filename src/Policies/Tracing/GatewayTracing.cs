using System.Diagnostics;

namespace SpbeConnector.Policies.Tracing;

/// <summary>
/// The gateway's own spans (ActivitySource <c>SpbeConnector.Gateway</c>) for the policy steps that cost time, inside
/// the request's span that ASP.NET Core continues from the client's <c>traceparent</c> (W3C Trace Context).
/// </summary>
public static class GatewayTracing
{
    public const string SourceName = "SpbeConnector.Gateway";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// A child span of the current one, only when the current one is recorded (sampled): an unsampled request (no
    /// exporter, or sampled out) allocates nothing here, and its trace id still travels with the request's own span.
    /// </summary>
    public static Activity? StartStep(string name) =>
        Activity.Current is { IsAllDataRequested: true } ? Source.StartActivity(name, ActivityKind.Internal) : null;

    /// <summary>The W3C trace id of the request being handled, or null outside any trace.</summary>
    public static string? CurrentTraceId() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.TraceId.ToHexString() : null;
}
