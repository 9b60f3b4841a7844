using System.Buffers;
using SpbeConnector.Policies.Problems;

namespace SpbeConnector.Gateway.Edge;

/// <summary>
/// Refuses, with 400 naming the header (never its value), a request with a header value the gateway could not
/// forward: a character outside visible ASCII, space and tab. Kestrel accepts such values (it decodes UTF-8), but
/// the forwarder's HTTP client refuses to send them, so the request failed at the upstream's door as a 502 and, ten
/// such requests later, the upstream was taken out of rotation for every client (issue 14, item 1). RFC 9110 section
/// 5.5 lets a recipient reject what it cannot process; refusing at the edge, before any policy, keeps one client's
/// malformed request from costing anyone else anything (Pasal 60 ayat (3) huruf c, availability).
/// </summary>
public sealed partial class ForwardableHeaderValuesMiddleware(RequestDelegate next, ILogger<ForwardableHeaderValuesMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                if (value is not null && !IsForwardable(value))
                    return RefuseAsync(context, name);
            }
        }
        return next(context);
    }

    /// <summary>Visible ASCII, space and horizontal tab: what every HTTP/1.1 and HTTP/2 hop forwards unchanged.</summary>
    public static bool IsForwardable(ReadOnlySpan<char> value) => !value.ContainsAnyExcept(Forwardable);

    // Every header value of every request is checked: one vectorised search instead of a loop over its characters.
    private static readonly SearchValues<char> Forwardable =
        SearchValues.Create("\t" + string.Concat(Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c)));

    private Task RefuseAsync(HttpContext context, string name)
    {
        LogRefused(name);
        return GatewayProblem.WriteAsync(context, StatusCodes.Status400BadRequest, "Header value not allowed",
            $"The value of the header '{name}' has characters the gateway does not forward: only visible ASCII, space and tab are allowed. Encode the value (for example RFC 8187 or percent-encoding) and send it again.");
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request refused at the edge: the value of header {Header} has characters outside visible ASCII, which cannot be forwarded")]
    private partial void LogRefused(string header);
}
