using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.Policies.Routing;

namespace SpbeConnector.Policies.UpstreamAuthentication;

/// <summary>
/// For an API whose upstream is protected by its own OAuth server, obtains (from the cache, usually) the gateway's
/// token before forwarding; when none can be obtained, answers 502 and nothing is sent upstream.
/// </summary>
public sealed class UpstreamTokenMiddleware(RequestDelegate next, UpstreamTokenCache tokens, IProblemDetailsService problems)
{
    public const string PolicyName = "upstream-authentication";

    public Task InvokeAsync(HttpContext context) =>
        RoutedApi.Of(context) is { UpstreamOAuthVersion: { } credentials } rule ? AuthenticateAsync(context, rule, credentials) : next(context);

    private async Task AuthenticateAsync(HttpContext context, RoutedApi rule, string credentials)
    {
        if (await tokens.GetAsync(rule.Id, credentials, context.RequestAborted) is not { } token)
        {
            context.GetGatewayExchange().Record(PolicyName, false, "upstream_token_unavailable");
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status502BadGateway,
                    Title = "Upstream authorization unavailable",
                    Detail = "The gateway could not obtain its access token for the OPD's service. Try again later; if it persists, contact the gateway's operators.",
                },
            });
            return;
        }
        context.Features.Set(new UpstreamTokenFeature(token));
        await next(context);
    }
}
