using System.Globalization;
using Microsoft.AspNetCore.Http;
using SpbeConnector.Policies.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.Policies.Problems;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Policies.Cors;

/// <summary>
/// Cross-origin resource sharing per API (the Fetch standard's CORS protocol), decided by the gateway alone from the
/// API's registry settings (<see cref="ApiCorsSettings"/>), so that browser applications of OPDs can call an API
/// through the gateway when, and only when, the API allows their origin (Pasal 60 ayat (3) huruf f: access limited to
/// what was authorised; ayat (5) huruf d: a browser's credentials ride along only for origins listed by name).
/// <list type="bullet">
/// <item>A preflight (<c>OPTIONS</c> with <c>Origin</c> and <c>Access-Control-Request-Method</c>) is answered here and
/// never forwarded: 204 with the Access-Control-* headers when the origin, the method and every requested header are
/// allowed; otherwise 403 problem details without any CORS header, so the browser does not send the request. It runs
/// before authentication because browsers send no credentials on a preflight.</item>
/// <item>Every other answer of the API (the upstream's, or a later policy's refusal, so that a page can read why it was
/// refused) carries <c>Access-Control-Allow-Origin</c> for an allowed origin and nothing for any other. An upstream's
/// own Access-Control-* headers are removed: an OPD service cannot widen what the registry allows.</item>
/// </list>
/// </summary>
public sealed partial class CorsMiddleware(
    RequestDelegate next,
    IOptions<CorsOptions> options,
    ILogger<CorsMiddleware> logger)
{
    public const string PolicyName = "cors";

    /// <summary>Most headers a preflight may ask for; a browser asks for a handful.</summary>
    private const int MaxRequestedHeaders = 64;

    private const string AccessControlPrefix = "Access-Control-";

    private static readonly string PreflightVary = string.Join(", ", HeaderNames.Origin, HeaderNames.AccessControlRequestMethod, HeaderNames.AccessControlRequestHeaders);

    public Task InvokeAsync(HttpContext context)
    {
        var api = RoutedApi.Of(context)?.Published;
        if (api is null)
            return next(context);
        var request = context.Request;
        if (HttpMethods.IsOptions(request.Method) && request.Headers.Origin.Count > 0 && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod))
            return AnswerPreflightAsync(context, api.Id, api.Cors);
        var origin = request.Headers.Origin.Count == 1 ? request.Headers.Origin[0] : null;
        context.Response.OnStarting(static state =>
        {
            var (response, settings, origin) = ((HttpResponse, ApiCorsSettings, string?))state;
            SetResponseHeaders(response, settings, origin);
            return Task.CompletedTask;
        }, (context.Response, api.Cors, origin));
        return next(context);
    }

    private async Task AnswerPreflightAsync(HttpContext context, Guid apiId, ApiCorsSettings settings)
    {
        var refusal = PreflightRefusal(context.Request, settings);
        if (refusal is not null)
        {
            context.GetGatewayExchange().Record(PolicyName, false, "preflight_" + refusal);
            LogPreflightRefused(apiId, refusal);
            await GatewayProblem.WriteAsync(context, StatusCodes.Status403Forbidden, "Cross-origin request refused",
                "This API does not allow this cross-origin request: its origin, method or headers are not among those the API allows.");
            return;
        }
        context.GetGatewayExchange().Record(PolicyName, true, "preflight_allowed");
        var headers = context.Response.Headers;
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        SetAllowOrigin(headers, settings, context.Request.Headers.Origin[0]!);
        headers.AccessControlAllowMethods = string.Join(", ", settings.AllowedMethods);
        if (settings.AllowedHeaders.Count > 0)
            headers.AccessControlAllowHeaders = string.Join(", ", settings.AllowedHeaders);
        var maxAge = settings.MaxAge ?? options.Value.DefaultMaxAge;
        headers.AccessControlMaxAge = ((long)maxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        headers.Append(HeaderNames.Vary, PreflightVary);
    }

    /// <summary>Why a preflight is refused (CORS off for the API, origin, method or headers not allowed), or null when it is allowed.</summary>
    private static string? PreflightRefusal(HttpRequest request, ApiCorsSettings settings)
    {
        if (!settings.IsEnabled)
            return "cors_off";
        if (request.Headers.Origin.Count != 1 || !OriginAllowed(settings, request.Headers.Origin[0]))
            return "origin";
        var method = request.Headers[HeaderNames.AccessControlRequestMethod];
        if (method.Count != 1 || !settings.AllowedMethods.Contains(method[0]!, StringComparer.Ordinal))
            return "method";
        return HeadersAllowed(request.Headers[HeaderNames.AccessControlRequestHeaders], settings.AllowedHeaders) ? null : "headers";
    }

    /// <summary>Every header the preflight names (a comma-separated list, possibly over several lines) is one the API allows, compared without case.</summary>
    private static bool HeadersAllowed(StringValues requested, IReadOnlyList<string> allowed)
    {
        var count = 0;
        foreach (var line in requested)
        {
            foreach (var part in (line ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (++count > MaxRequestedHeaders || !allowed.Contains(part, StringComparer.OrdinalIgnoreCase))
                    return false;
            }
        }
        return true;
    }

    /// <summary>Origins are compared as browsers serialise them (the registry accepts only that form), exactly.</summary>
    private static bool OriginAllowed(ApiCorsSettings settings, string? origin) =>
        origin is not null && (settings.AllowsAnyOrigin || settings.AllowedOrigins.Contains(origin, StringComparer.Ordinal));

    /// <summary>Run as the response starts, after the forwarder has copied the upstream's headers.</summary>
    private static void SetResponseHeaders(HttpResponse response, ApiCorsSettings settings, string? origin)
    {
        var headers = response.Headers;
        List<string>? upstreams = null;
        foreach (var (name, _) in headers)
        {
            if (name.StartsWith(AccessControlPrefix, StringComparison.OrdinalIgnoreCase))
                (upstreams ??= []).Add(name);
        }
        foreach (var name in upstreams ?? [])
            headers.Remove(name);
        if (!settings.IsEnabled)
            return;
        // Whether the answer carries the headers depends on Origin: a shared cache must keep one answer per origin.
        headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        if (!OriginAllowed(settings, origin))
            return;
        SetAllowOrigin(headers, settings, origin!);
        if (settings.ExposedHeaders.Count > 0)
            headers.AccessControlExposeHeaders = string.Join(", ", settings.ExposedHeaders);
    }

    /// <summary>The wildcard when any origin may read without credentials; otherwise the caller's own origin, and the credentials flag when allowed.</summary>
    private static void SetAllowOrigin(IHeaderDictionary headers, ApiCorsSettings settings, string origin)
    {
        headers.AccessControlAllowOrigin = settings.AllowsAnyOrigin && !settings.AllowCredentials ? "*" : origin;
        if (settings.AllowCredentials)
            headers.AccessControlAllowCredentials = "true";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CORS preflight to API {ApiId} refused: {Reason}. If a browser application of an OPD should call this API, allow its origin, method and headers with PUT /admin/v1/apis/{{id}}/cors")]
    private partial void LogPreflightRefused(Guid apiId, string reason);
}
