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
        response.Headers["RateLimit-Policy"] = PolicyItem(rule, decision);
        response.Headers["RateLimit"] = RemainingItem(rule, decision);
    }

    /// <summary>Every rule a request was counted against, as one list per header (the draft allows several policies).</summary>
    public static void WriteHeaders(HttpResponse response, RateLimitRule[] rules, RateDecision[] decisions)
    {
        var policies = new string[rules.Length];
        var remaining = new string[rules.Length];
        for (var i = 0; i < rules.Length; i++)
        {
            policies[i] = PolicyItem(rules[i], decisions[i]);
            remaining[i] = RemainingItem(rules[i], decisions[i]);
        }
        response.Headers["RateLimit-Policy"] = string.Join(", ", policies);
        response.Headers["RateLimit"] = string.Join(", ", remaining);
    }

    // q is the quota in force: a node's share of the limit while Redis is unreachable.
    private static string PolicyItem(RateLimitRule rule, RateDecision decision) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{rule.Name}\";q={decision.Limit};w={(long)Math.Ceiling(rule.Window.TotalSeconds)}");

    private static string RemainingItem(RateLimitRule rule, RateDecision decision) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{rule.Name}\";r={decision.Remaining};t={ResetSeconds(decision)}");

    public static Task WriteTooManyRequestsAsync(HttpContext context, RateLimitRule rule, RateDecision decision)
    {
        context.GetGatewayExchange().Record("anti-automation", false, $"rate_limited:{rule.Name}");
        WriteHeaders(context.Response, rule, decision);
        context.Response.Headers.RetryAfter = ResetSeconds(decision).ToString(CultureInfo.InvariantCulture);
        return GatewayProblem.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"The limit '{rule.Name}' of {decision.Limit} requests per {Describe(rule)} is used up. Retry after the number of seconds in Retry-After.");
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

    private static string Describe(RateLimitRule rule) => rule.Period switch
    {
        RateLimitPeriod.CalendarDay => "calendar day",
        RateLimitPeriod.CalendarMonth => "calendar month",
        _ => Describe(rule.Window),
    };

    private static string Describe(TimeSpan window) =>
        window == TimeSpan.FromSeconds(1) ? "second" : window == TimeSpan.FromMinutes(1) ? "minute" : window == TimeSpan.FromHours(1) ? "hour"
        : window == TimeSpan.FromDays(1) ? "day" : $"{window.TotalSeconds:0} seconds";
}
