using Microsoft.AspNetCore.Http;
using SpbeConnector.Policies.Access;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.Policies.Problems;
using SpbeConnector.Policies.Routing;

namespace SpbeConnector.Policies.AntiAutomation.Plans;

/// <summary>
/// The limits of the subscription's plan, once the client and its subscription are known (architecture.md step 6; Pasal 59
/// ayat (13) huruf c-e: limits on simultaneous and continuous access to a function, ayat (6) huruf b: anti-automation):
/// requests in flight, requests per second and per minute, daily and monthly quotas in the quota time zone, and the
/// API's per-operation limits. A request refused by any of them is counted by none, and a blocked client is refused.
/// </summary>
public sealed class PlanLimitMiddleware(
    RequestDelegate next,
    AccessSnapshotCache access,
    PlanRules plans,
    IRateLimitCounter counter,
    IConcurrencyLimiter concurrency,
    TemporaryBlocks blocks,
    TimeProvider clock)
{
    public Task InvokeAsync(HttpContext context)
    {
        var route = RoutedApi.Of(context);
        var caller = context.Features.Get<GatewayExchangeFeature>()?.Caller;
        // Public APIs have no client: the per-source limits are theirs.
        return route is null || caller is null ? next(context) : LimitAsync(context, route, caller);
    }

    private async Task LimitAsync(HttpContext context, RoutedApi route, GatewayCaller caller)
    {
        if (!blocks.IsEmpty && blocks.Find(ClientSubject(caller.ClientId)) is { } block)
        {
            await RateLimitResponses.WriteBlockedAsync(context, block, clock);
            return;
        }
        var snapshot = access.Current;
        if (!snapshot.Clients.TryGetValue(caller.ClientId, out var client) || !client.Plans.TryGetValue(route.Id, out var plan))
        {
            // Authorization has refused a call without an approved subscription before this step.
            await next(context);
            return;
        }

        var set = plans.For(plan);
        var rules = set.Rules;
        if (snapshot.OperationLimits.TryGetValue(route.Id, out var operationLimits))
            rules = plans.For(operationLimits).AddMatching(rules, context.Request.Method, RelativePath(context));
        var subject = Subject(caller.ClientId, route.IdText);

        IDisposable? lease = null;
        if (set.MaxConcurrentRequests is { } maxInFlight && (lease = await concurrency.TryAcquireAsync(subject, maxInFlight, context.RequestAborted)) is null)
        {
            await WriteTooManyInFlightAsync(context, set.PlanName, maxInFlight);
            return;
        }
        try
        {
            if (rules.Length > 0)
            {
                var decision = await counter.HitAllAsync(subject, rules, context.RequestAborted);
                if (!decision.Allowed)
                {
                    await RateLimitResponses.WriteTooManyRequestsAsync(context, rules[decision.RefusedIndex], decision.Decisions[decision.RefusedIndex]);
                    return;
                }
                RateLimitResponses.WriteHeaders(context.Response, rules, decision.Decisions);
            }
            await next(context);
        }
        finally
        {
            // After the response has been forwarded, or the exchange failed or was aborted: the slot is free again.
            lease?.Dispose();
        }
    }

    public static string ClientSubject(string clientId) => "client:" + clientId;

    /// <summary>What a subscription's limits are counted under: its client and its API (the API id as routes carry it).</summary>
    public static string Subject(string clientId, string apiId) => clientId + "|" + apiId;

    private static string RelativePath(HttpContext context) => "/" + ApiRelativePath.Of(context);

    private static Task WriteTooManyInFlightAsync(HttpContext context, string plan, int limit)
    {
        context.GetGatewayExchange().Record("anti-automation", false, "rate_limited:client-concurrency");
        context.Response.Headers.RetryAfter = "1";
        return GatewayProblem.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests in flight",
            $"The plan '{plan}' allows {limit} requests of this subscription in flight at once. Wait for a response before sending more, or retry after the number of seconds in Retry-After.");
    }
}
