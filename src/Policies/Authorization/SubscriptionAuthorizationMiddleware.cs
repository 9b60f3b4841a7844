using Microsoft.AspNetCore.Http;
using SpbeConnector.Policies.Access;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.Policies.Routing;
using SpbeConnector.Policies.SchemaValidation;

namespace SpbeConnector.Policies.Authorization;

/// <summary>
/// Authorization of every authenticated call (architecture.md step 5; Pasal 60 ayat (3) huruf f and Pasal 59 ayat (15) huruf
/// c: access by established rights, a decision on every call): the caller's client holds an approved subscription
/// to this API; the token carries every scope the API requires, and the scopes of one of the called operation's
/// OpenAPI security requirements (<see cref="OperationScopes"/>); and an API of exempt or secret information is
/// called only with a certificate-bound token over mutual TLS (Pasal 59 ayat (6) huruf d).
/// </summary>
public sealed class SubscriptionAuthorizationMiddleware(RequestDelegate next, AccessSnapshotCache access,
    ApiContractCache contracts, IProblemDetailsService problems)
{
    public const string PolicyName = "authorization";

    public Task InvokeAsync(HttpContext context)
    {
        var rule = RoutedApi.Of(context);
        return rule is null || rule.IsPublic ? next(context) : AuthorizeAsync(context, rule);
    }

    private async Task AuthorizeAsync(HttpContext context, RoutedApi rule)
    {
        var exchange = context.GetGatewayExchange();
        if (exchange.Caller is not { } caller)
        {
            // Authentication runs first and refuses a call without a caller; this is a second lock, never a way in.
            exchange.Record(PolicyName, false, "no_caller");
            await BearerChallenge.MissingAsync(context, problems);
            return;
        }

        if (!access.Current.Clients.TryGetValue(caller.ClientId, out var client) || !client.ApprovedApis.Contains(rule.Id))
        {
            exchange.Record(PolicyName, false, "no_subscription");
            await BearerChallenge.ForbiddenAsync(context, problems, "No approved subscription",
                "The client application holds no approved subscription to this API. Request one in the catalog and wait for its approval.");
            return;
        }
        foreach (var scope in rule.RequiredScopes)
        {
            if (!caller.Scopes.Contains(scope))
            {
                exchange.Record(PolicyName, false, "insufficient_scope");
                await BearerChallenge.InsufficientScopeAsync(context, problems, string.Join(' ', rule.RequiredScopes));
                return;
            }
        }
        var operationScopes = await OperationScopes.ForAsync(context, rule, contracts);
        if (!OperationScopes.AreMet(operationScopes, caller.Scopes))
        {
            exchange.Record(PolicyName, false, "insufficient_scope");
            // RFC 6750 section 3 names the scopes needed; with alternatives, the first one the document lists.
            await BearerChallenge.InsufficientScopeAsync(context, problems, string.Join(' ', operationScopes[0]));
            return;
        }
        if (rule.RequiresCertificateBinding && caller.CertificateThumbprint is null)
        {
            exchange.Record(PolicyName, false, "certificate_binding_required");
            await BearerChallenge.ForbiddenAsync(context, problems, "Certificate-bound token required",
                "This API carries exempt information: call it over mutual TLS with a token bound to your client certificate (RFC 8705).");
            return;
        }

        exchange.Record(PolicyName, true, "subscription_approved");
        await next(context);
    }
}
