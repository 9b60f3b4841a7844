using Serilog.Core;
using Serilog.Events;

namespace SpbeConnector.Gateway.Logging;

/// <summary>
/// Adds <c>RequestSuffix</c>, " (request {id})", to events written while a request is handled, so that the console's
/// text line names the request (its <c>X-Request-Id</c>) and a line outside any request carries nothing extra.
/// </summary>
public sealed class RequestIdSuffixEnricher : ILogEventEnricher
{
    public const string PropertyName = "RequestSuffix";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.TryGetValue("RequestId", out var id) && id is ScalarValue { Value: string requestId })
            logEvent.AddPropertyIfAbsent(new LogEventProperty(PropertyName, new ScalarValue($" (request {requestId})")));
    }
}
