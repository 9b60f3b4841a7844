using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.Policies.Routing;

namespace SpbeConnector.Policies.RequestSignatures;

/// <summary>
/// Proof of origin (Tunggal Pasal 1 angka 25: non-repudiation for the sender too; Batu Bara Pasal 28 ayat (6)): a
/// request that carries an RFC 9421 signature is verified with the client's registered key, and an API listed in
/// <see cref="RequestSignatureOptions.RequiredForApis"/> accepts only signed requests. A verified signature is kept in
/// the exchange's audit record; a missing or invalid one is refused with 401 and never forwarded.
/// </summary>
public sealed class RequestSignatureMiddleware(
    RequestDelegate next,
    RequestSignatureVerifier verifier,
    IOptions<RequestSignatureOptions> options,
    IProblemDetailsService problems,
    TimeProvider time)
{
    public const string PolicyName = "request-signature";
    private readonly HashSet<string> _required = new(options.Value.RequiredForApis, StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        var signed = context.Request.Headers.ContainsKey("Signature-Input");
        var required = _required.Count > 0 && RoutedApi.Of(context) is { } api && _required.Contains(api.ApiPath);
        return !signed && !required ? next(context) : VerifyAsync(context);
    }

    private async Task VerifyAsync(HttpContext context)
    {
        var outcome = await verifier.VerifyAsync(context, options.Value.MaxAge, time.GetUtcNow());
        var exchange = context.GetGatewayExchange();
        if (outcome.Verified is { } verified)
        {
            exchange.Record(PolicyName, true, "verified");
            exchange.RequestSignature = verified;
            await next(context);
            return;
        }
        exchange.Record(PolicyName, false, outcome.Refusal!);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Signature";
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Request signature required or invalid",
                Detail = "Sign the request (RFC 9421) with the key registered for your application, covering @method, @target-uri and content-digest, with a current created time.",
            },
        });
    }
}
