using Microsoft.AspNetCore.Http;
using SpbeConnector.Policies.Routing;
using SpbeConnector.Registry.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Policies.Csrf;

/// <summary>
/// Protects RESTful services that use cookies from cross-site request forgery (Pasal 60 ayat (5) huruf d).
/// <list type="bullet">
/// <item>An API whose clients hold a cookie session: an unsafe method (anything but GET, HEAD, OPTIONS, TRACE)
/// needs an <c>Origin</c> that is the gateway's own or one the API allows (or, without Origin,
/// <c>Sec-Fetch-Site: same-origin</c>), and a double-submit token: the <c>__Host-</c> cookie the gateway issues on
/// safe requests, repeated in a header. The token cookie and header are not forwarded.</item>
/// <item>A token-authenticated API (the default): cookies from the client are dropped before forwarding, so a
/// browser's ambient credentials can never ride along, unless the API is configured to forward them.</item>
/// </list>
/// </summary>
public sealed partial class CsrfMiddleware(
    RequestDelegate next,
    IOptions<CsrfOptions> options,
    IProblemDetailsService problems,
    ILogger<CsrfMiddleware> logger)
{
    public const string PolicyName = "csrf";

    private readonly CsrfOptions _options = options.Value;

    public Task InvokeAsync(HttpContext context)
    {
        var api = RoutedApi.Of(context)?.Published;
        if (api is null)
            return next(context);
        var request = context.Request;
        if (api.Validation.Sessions == SessionMode.Token)
        {
            if (!api.Validation.ForwardCookies && request.Headers.Remove(HeaderNames.Cookie))
                context.GetGatewayExchange().Record(PolicyName, true, "cookies_dropped");
            return next(context);
        }

        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            if (!CsrfToken.IsWellFormed(request.Cookies[_options.CookieName]))
                IssueToken(context);
            return next(context);
        }
        return CheckUnsafeAsync(context, api, request);
    }

    private async Task CheckUnsafeAsync(HttpContext context, PublishedApi api, HttpRequest request)
    {

        var refusal = !OriginAllowed(request, api.Validation.AllowedOrigins) ? "origin"
            : !CsrfToken.Match(request.Cookies[_options.CookieName], request.Headers[_options.HeaderName]) ? "token"
            : null;
        if (refusal is not null)
        {
            context.GetGatewayExchange().Record(PolicyName, false, "csrf_" + refusal);
            LogRefused(api.Id, request.Method, refusal);
            await RefuseAsync(context, refusal);
            return;
        }
        context.GetGatewayExchange().Record(PolicyName, true, "csrf_verified");
        // The token is the gateway's business, not the OPD service's.
        request.Headers.Remove(_options.HeaderName);
        RemoveTokenCookie(request);
        await next(context);
    }

    /// <summary>
    /// The request comes from the gateway's own origin or one the API allows. Browsers set Origin on every
    /// cross-site unsafe request; without it, only Fetch Metadata saying same-origin is accepted.
    /// </summary>
    private static bool OriginAllowed(HttpRequest request, IReadOnlyList<string> allowed)
    {
        var origin = request.Headers.Origin;
        if (origin.Count == 0)
            return request.Headers["Sec-Fetch-Site"] == "same-origin";
        if (origin.Count > 1)
            return false;
        var value = origin[0]!;
        if (string.Equals(value, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase))
            return true;
        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private void IssueToken(HttpContext context)
    {
        var cookie = new SetCookieHeaderValue(_options.CookieName, CsrfToken.Create())
        {
            Path = "/",
            Secure = true,
            SameSite = Microsoft.Net.Http.Headers.SameSiteMode.Strict,
            HttpOnly = false, // the page's script reads it to repeat it in the header
        }.ToString();
        // Appended when the response starts, after the forwarder has copied the upstream's own Set-Cookie headers.
        context.Response.OnStarting(static state =>
        {
            var (response, value) = ((HttpResponse, string))state;
            response.Headers.Append(HeaderNames.SetCookie, value);
            return Task.CompletedTask;
        }, (context.Response, cookie));
    }

    private void RemoveTokenCookie(HttpRequest request)
    {
        if (!CookieHeaderValue.TryParseList(request.Headers.Cookie.ToArray()!, out var cookies))
            return;
        var kept = cookies.Where(c => !c.Name.Equals(_options.CookieName, StringComparison.Ordinal)).ToArray();
        if (kept.Length == 0)
            request.Headers.Remove(HeaderNames.Cookie);
        else
            request.Headers.Cookie = string.Join("; ", kept.Select(c => c.ToString()));
    }

    private async Task RefuseAsync(HttpContext context, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Cross-site request refused",
                Detail = reason == "origin"
                    ? "This API accepts state-changing requests only from its own web origins."
                    : $"State-changing requests must repeat the token of the {_options.CookieName} cookie in the {_options.HeaderName} header.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request to API {ApiId} refused by the CSRF policy: {Method} failed the {Check} check")]
    private partial void LogRefused(Guid apiId, string method, string check);
}
