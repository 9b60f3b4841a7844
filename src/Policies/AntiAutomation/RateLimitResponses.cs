using System.Globalization;
using Microsoft.AspNetCore.Http;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.Policies.Problems;

namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// The standard answers of a limit: <c>RateLimit-Policy</c> and <c>RateLimit</c> headers (IETF httpapi
/// ratelimit-headers draft, structured-field form), and 429 problem details with <c>Retry-After</c>.
/// </summary>
public static class RateLimitResponses
{
    public static void WriteHeaders(HttpResponse response, RateLimitRule rule, RateDecision decision)
    {
        var seconds = (long)Math.Ceiling(rule.Window.TotalSeconds);
        response.Headers["RateLimit-Policy"] = string.Create(CultureInfo.InvariantCulture, $"\"{rule.Name}\";q={rule.Limit};w={seconds}");
        response.Headers["RateLimit"] = string.Create(CultureInfo.InvariantCulture, $"\"{rule.Name}\";r={decision.Remaining};t={ResetSeconds(decision)}");
    }

    public static Task WriteTooManyRequestsAsync(HttpContext context, RateLimitRule rule, RateDecision decision)
    {
        context.GetGatewayExchange().Record("anti-automation", false, $"rate_limited:{rule.Name}");
        WriteHeaders(context.Response, rule, decision);
        context.Response.Headers.RetryAfter = ResetSeconds(decision).ToString(CultureInfo.InvariantCulture);
        return GatewayProblem.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"The limit '{rule.Name}' of {rule.Limit} requests per {Describe(rule.Window)} is used up. Retry after the number of seconds in Retry-After.");
    }

    public static Task WriteBlockedAsync(HttpContext context, TemporaryBlocks.Block block, TimeProvider clock)
    {
        context.GetGatewayExchange().Record("anti-automation", false, "blocked");
        var seconds = Math.Max(1, (long)Math.Ceiling((block.Until - clock.GetUtcNow()).TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return GatewayProblem.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Temporarily blocked",
            "Requests from this source are temporarily refused because they looked like an automated attack. Retry after the number of seconds in Retry-After, or contact the gateway's operators.");
    }

    private static long ResetSeconds(RateDecision decision) => Math.Max(1, (long)Math.Ceiling(decision.ResetAfter.TotalSeconds));

    private static string Describe(TimeSpan window) =>
        window == TimeSpan.FromSeconds(1) ? "second" : window == TimeSpan.FromMinutes(1) ? "minute" : window == TimeSpan.FromHours(1) ? "hour"
        : window == TimeSpan.FromDays(1) ? "day" : $"{window.TotalSeconds:0} seconds";
}
