using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SpbeConnector.Policies.UpstreamErrors;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace SpbeConnector.Policies.UpstreamRetry;

/// <summary>
/// Tries another instance of the API when a request could not be delivered to the one chosen (connection refused
/// or reset before any response byte), so that a failed instance costs clients nothing. Only for idempotent
/// requests without a body (GET, HEAD, OPTIONS): anything else may already have had its effect, or its body is gone.
/// </summary>
public sealed class IdempotentRetryMiddleware(RequestDelegate next, IOptionsMonitor<UpstreamRetryOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var retries = options.CurrentValue.Retries;
        return retries <= 0 || !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)) || HasBody(context.Request)
            ? next(context)
            : RetryAsync(context, retries);
    }

    private async Task RetryAsync(HttpContext context, int retries)
    {

        var proxy = context.Features.Get<IReverseProxyFeature>()!;
        // Load balancing narrows the available destinations to the one it chose: remember the full set first.
        var candidates = proxy.AvailableDestinations;
        for (var attempt = 0; ; attempt++)
        {
            await next(context);
            var error = context.GetForwarderErrorFeature();
            if (error is null || error.Error != ForwarderError.Request || ForwardingFailureBlame.IsCausedByRequest(error) || context.Response.HasStarted || attempt >= retries)
                return;
            var failed = proxy.ProxiedDestination;
            candidates = candidates.Where(d => d != failed).ToArray();
            if (candidates.Count == 0)
                return;
            proxy.AvailableDestinations = candidates;
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
}
