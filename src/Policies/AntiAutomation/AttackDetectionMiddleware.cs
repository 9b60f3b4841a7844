using Microsoft.AspNetCore.Http;
using SpbeConnector.Policies.Exchange;

namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// Feeds every completed exchange to the <see cref="AttackDetector"/>, under the calling client when one was
/// authenticated and under the source address otherwise; refuses subjects that detection (or an administrator)
/// has blocked.
/// </summary>
public sealed class AttackDetectionMiddleware(RequestDelegate next, AttackDetector detector)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        finally
        {
            var caller = context.Features.Get<GatewayExchangeFeature>()?.Caller;
            var subject = caller is not null ? "client:" + caller.ClientId : SourceAddress.Subject(SourceAddress.Of(context));
            var request = context.Request;
            detector.Observe(subject, context.Response.StatusCode, request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", context.TraceIdentifier);
        }
    }
}
