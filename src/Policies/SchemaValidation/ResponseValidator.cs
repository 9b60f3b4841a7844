using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SpbeConnector.Policies.SchemaValidation.Contract;
using SpbeConnector.Policies.SchemaValidation.Schemas;
using SpbeConnector.Registry.Domain;
using Yarp.ReverseProxy.Forwarder;

namespace SpbeConnector.Policies.SchemaValidation;

/// <summary>
/// Checks the OPD service's response against the operation's documented responses (status, media type, JSON
/// schema) before the client sees it, for the APIs that ask for it: report only (the response passes, the
/// violation is logged with the request id) or enforce (the response is replaced by 502 and its body never
/// leaves the gateway). The body is held back up to the API's body limit.
/// </summary>
internal static class ResponseValidator
{
    private const string Root = "/response";

    /// <summary>Runs the rest of the pipeline (the forwarder) with the response held back; the violations found, if any.</summary>
    public static async Task<ResponseCheck> ForwardAsync(HttpContext context, RequestDelegate next, OperationContract operation, ApiValidationSettings settings)
    {
        var enforce = settings.ResponseValidation == ResponseValidationMode.Enforce;
        // The gateway's own headers (request id, HSTS), to be kept if the upstream's response is withheld.
        var gatewayHeaders = enforce ? context.Response.Headers.ToArray() : [];
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        var capture = new ResponseCapture(settings.MaxBodyBytes, enforce ? null : original.Stream);
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(capture, original));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(original);
        }
        context.Response.RegisterForDispose(capture);
        return Check(context, operation, capture, settings, enforce) with { GatewayHeaders = gatewayHeaders };
    }

    private static ResponseCheck Check(HttpContext context, OperationContract operation, ResponseCapture capture, ApiValidationSettings settings, bool enforce)
    {
        if (context.GetForwarderErrorFeature() is not null)
            return ResponseCheck.NotChecked(capture); // no answer from upstream: the upstream-error policy answers
        if (capture.Overflowed)
            return enforce
                ? ResponseCheck.Invalid(capture, [new ValidationError(Root + "/body", "maxBodyBytes", $"is larger than the {settings.MaxBodyBytes} bytes the gateway checks")])
                : ResponseCheck.NotChecked(capture); // already streamed through, unchecked
        return CheckBody(context.Response, operation, capture, settings);
    }

    private static ResponseCheck CheckBody(HttpResponse response, OperationContract operation, ResponseCapture capture, ApiValidationSettings settings)
    {
        var documented = operation.ResponseFor(response.StatusCode);
        if (documented is null)
            return ResponseCheck.Invalid(capture, [new ValidationError(Root + "/status", "status", "is not a status the API's document defines for this operation")]);
        var body = capture.Captured;
        if (body.Length == 0)
            return ResponseCheck.Valid(capture);
        if (documented.Content.Length == 0)
            return ResponseCheck.Invalid(capture, [new ValidationError(Root + "/body", "notAllowed", "the API's document defines no body for this response")]);
        var media = RequestBodyValidator.MediaTypeOf(response.ContentType, out _) is { } type ? documented.Find(type) : null;
        if (media is null)
            return ResponseCheck.Invalid(capture, [new ValidationError(Root + "/body", "contentType", "has a Content-Type the API's document does not list for this response")]);
        if (media.Kind != BodyKind.Json)
            return ResponseCheck.Valid(capture);
        var errors = JsonBodyValidator.Validate(body, media.Schema, settings, Root + "/body", ValidationDirection.Response);
        return errors is null ? ResponseCheck.Valid(capture) : ResponseCheck.Invalid(capture, errors);
    }
}
