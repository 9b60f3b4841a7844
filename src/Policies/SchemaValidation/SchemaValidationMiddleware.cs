using SpbeConnector.Policies.Tracing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.Policies.Routing;
using SpbeConnector.Policies.SchemaValidation.Contract;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using Yarp.ReverseProxy.Forwarder;

namespace SpbeConnector.Policies.SchemaValidation;

/// <summary>
/// Positive validation against the API's OpenAPI document (Pasal 59 ayat (7) huruf a, b, d and ayat (15) huruf d,
/// e; Pasal 60 ayat (3) huruf g, ayat (5) huruf c, e): a path the document does not define is answered 404, a
/// method it does not define on that path 405 with <c>Allow</c>, parameters that break their schemas 400 naming
/// each location and rule. None of these requests reaches the OPD's service.
/// </summary>
public sealed partial class SchemaValidationMiddleware(
    RequestDelegate next,
    ApiContractCache contracts,
    IProblemDetailsService problems,
    ILogger<SchemaValidationMiddleware> logger)
{
    public const string PolicyName = "schema-validation";
    public const string ResponsePolicyName = "response-validation";

    public Task InvokeAsync(HttpContext context)
    {
        var api = RoutedApi.Of(context)?.Published;
        if (api is null)
        {
            // Every proxied route is built from the registry and carries its API; one without is not enforceable.
            return Refuse(context, api, StatusCodes.Status503ServiceUnavailable, "api_unknown", null);
        }
        var exchange = context.GetGatewayExchange();
        if (api.DocumentRevision == 0)
        {
            // Nothing to validate against: the API was published without a document (logged once per route load).
            exchange.Record(PolicyName, true, "no_document");
            return next(context);
        }
        return ValidateAsync(context, api, exchange);
    }

    private async Task ValidateAsync(HttpContext context, PublishedApi api, GatewayExchangeFeature exchange)
    {
        var contract = await contracts.GetAsync(api, context.RequestAborted);
        if (contract is null)
        {
            await Refuse(context, api, StatusCodes.Status503ServiceUnavailable, "contract_unavailable", null);
            return;
        }

        OperationContract? operation;
        ValidationRefusal? refusal;
        using (var span = GatewayTracing.StartStep("validate request"))
        {
            (operation, refusal) = Check(context, contract, api.Validation.StrictQuery);
            refusal ??= await RequestBodyValidator.ValidateAsync(context, operation!, api.Validation);
            span?.SetTag("spbe.validation.result", refusal?.Reason ?? "valid");
        }
        if (refusal is not null)
        {
            await Refuse(context, api, refusal.Status, refusal.Reason, refusal);
            return;
        }
        exchange.Record(PolicyName, true, "valid");
        if (api.Validation.ResponseValidation == ResponseValidationMode.Off)
            await next(context);
        else
            await ForwardCheckingResponseAsync(context, api, operation!);
    }

    /// <summary>
    /// Optional response validation: the response is held back and checked; a violation is logged with the
    /// request id, and when the API enforces, the response is replaced by 502 without any of its body.
    /// </summary>
    private async Task ForwardCheckingResponseAsync(HttpContext context, PublishedApi api, OperationContract operation)
    {
        var check = await ResponseValidator.ForwardAsync(context, next, operation, api.Validation);
        var exchange = context.GetGatewayExchange();
        if (!check.Checked)
        {
            if (context.GetForwarderErrorFeature() is null)
                LogResponseNotChecked(api.Id, context.TraceIdentifier, api.Validation.MaxBodyBytes);
        }
        else if (check.IsValid)
        {
            exchange.Record(ResponsePolicyName, true, "valid");
        }
        else
        {
            var first = check.Errors![0];
            var enforce = api.Validation.ResponseValidation == ResponseValidationMode.Enforce;
            LogResponseInvalid(api.Id, context.TraceIdentifier, context.Response.StatusCode, check.Errors.Count, first.Location, first.Rule, enforce ? "replaced by 502" : "passed (report only)");
            exchange.Record(ResponsePolicyName, !enforce, "response_invalid");
            if (enforce)
            {
                context.Response.Clear();
                foreach (var (name, value) in check.GatewayHeaders)
                    context.Response.Headers[name] = value;
                await ValidationProblems.UpstreamResponseInvalidAsync(context, problems);
                return;
            }
        }
        if (check.HeldBack && !context.Response.HasStarted && context.GetForwarderErrorFeature() is null)
            await context.Response.Body.WriteAsync(check.Capture.Captured, context.RequestAborted);
    }

    /// <summary>The synchronous part of the checks (path, method, parameters): the operation, or why the request is refused.</summary>
    private static (OperationContract? Operation, ValidationRefusal? Refusal) Check(HttpContext context, ApiContract contract, bool strictQuery)
    {
        var rest = ApiRelativePath.Of(context);
        Span<Range> segments = stackalloc Range[ApiContract.SegmentBufferLength];
        var path = contract.Match(rest, segments, out var count);
        if (path is null)
            return (null, new ValidationRefusal(StatusCodes.Status404NotFound, "undocumented_path"));
        if (!path.Operations.TryGetValue(context.Request.Method, out var operation))
            return (null, new ValidationRefusal(StatusCodes.Status405MethodNotAllowed, "method_not_allowed") { Allow = path.Allow });
        if (ParameterValidator.Validate(operation, path, context.Request, rest, segments[..count], strictQuery, errors: null))
            return (operation, null);
        // Only now, on the way out, collect every error for the answer.
        var errors = new List<ValidationError>();
        ParameterValidator.Validate(operation, path, context.Request, rest, segments[..count], strictQuery, errors);
        return (operation, ValidationRefusal.Invalid("invalid_parameters", errors));
    }

    private async Task Refuse(HttpContext context, PublishedApi? api, int status, string reason, ValidationRefusal? refusal)
    {
        context.GetGatewayExchange().Record(PolicyName, false, reason);
        var first = refusal?.Errors is { Count: > 0 } errors ? errors[0] : null;
        LogRefused(api?.Id, context.Request.Method, status, reason, first?.Location, first?.Rule);
        switch (status)
        {
            case StatusCodes.Status404NotFound:
                await ValidationProblems.UndocumentedPathAsync(context, problems);
                break;
            case StatusCodes.Status405MethodNotAllowed:
                await ValidationProblems.MethodNotAllowedAsync(context, problems, refusal!.Allow!);
                break;
            case StatusCodes.Status400BadRequest:
                await ValidationProblems.InvalidAsync(context, problems, refusal!.Errors!);
                break;
            case StatusCodes.Status413PayloadTooLarge:
                await ValidationProblems.TooLargeAsync(context, problems, refusal!.Errors!);
                break;
            case StatusCodes.Status415UnsupportedMediaType:
                await ValidationProblems.UnsupportedMediaTypeAsync(context, problems, refusal!.Errors!);
                break;
            default:
                await ValidationProblems.ContractUnavailableAsync(context, problems);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Response of API {ApiId} to request {RequestId} breaks the API's document: status {Status}, {Count} violation(s), first at {Location} by rule {Rule}; the response was {Outcome}. Tell the API's owner: the service or its document needs correcting")]
    private partial void LogResponseInvalid(Guid apiId, string requestId, int status, int count, string location, string rule, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Response of API {ApiId} to request {RequestId} was passed unchecked: its body is larger than the {Limit} bytes checked (raise maxBodyBytes of the API to check it)")]
    private partial void LogResponseNotChecked(Guid apiId, string requestId, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request to API {ApiId} refused by schema validation: {Method} answered {Status} ({Reason}) first at {Location} by rule {Rule}")]
    private partial void LogRefused(Guid? apiId, string method, int status, string reason, string? location, string? rule);
}
