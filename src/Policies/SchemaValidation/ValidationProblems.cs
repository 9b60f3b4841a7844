using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SpbeConnector.Policies.SchemaValidation;

/// <summary>
/// The answers of the validation policies, as RFC 9457 problem details: what is wrong and where, never the
/// rejected value nor anything internal (Pasal 59 ayat (9) huruf a).
/// </summary>
internal static class ValidationProblems
{
    public static Task UndocumentedPathAsync(HttpContext context, IProblemDetailsService problems) =>
        WriteAsync(context, problems, StatusCodes.Status404NotFound, "Operation not documented",
            "The API's OpenAPI document defines no operation at this path; only documented operations are served.");

    public static Task MethodNotAllowedAsync(HttpContext context, IProblemDetailsService problems, string allow)
    {
        context.Response.Headers.Allow = allow;
        return WriteAsync(context, problems, StatusCodes.Status405MethodNotAllowed, "Method not allowed",
            "The API's OpenAPI document does not define this method at this path; the Allow header lists the methods it does define.");
    }

    public static Task InvalidAsync(HttpContext context, IProblemDetailsService problems, IReadOnlyList<ValidationError> errors) =>
        WriteAsync(context, problems, StatusCodes.Status400BadRequest, "The request does not match the API's document",
            "Each entry of 'errors' names a location in the request and the rule of the API's OpenAPI document it breaks.", errors);

    public static Task TooLargeAsync(HttpContext context, IProblemDetailsService problems, IReadOnlyList<ValidationError> errors) =>
        WriteAsync(context, problems, StatusCodes.Status413PayloadTooLarge, "Request body too large",
            "The body is larger than this API accepts; 'errors' names the limit.", errors);

    public static Task UnsupportedMediaTypeAsync(HttpContext context, IProblemDetailsService problems, IReadOnlyList<ValidationError> errors) =>
        WriteAsync(context, problems, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
            "The body's Content-Type is not one the API's OpenAPI document lists for this operation.", errors);

    public static Task UpstreamResponseInvalidAsync(HttpContext context, IProblemDetailsService problems) =>
        WriteAsync(context, problems, StatusCodes.Status502BadGateway, "Invalid upstream response",
            "The OPD's service answered with a response its OpenAPI document does not allow, so the gateway withheld it. Quote the requestId when reporting it to the API's owner.");

    public static Task ContractUnavailableAsync(HttpContext context, IProblemDetailsService problems) =>
        WriteAsync(context, problems, StatusCodes.Status503ServiceUnavailable, "API contract unavailable",
            "The gateway cannot check requests to this API right now, so it forwards none. Try again later; if it persists, contact the API's owner.");

    public static async Task WriteAsync(HttpContext context, IProblemDetailsService problems, int status, string title, string detail,
        IReadOnlyList<ValidationError>? errors = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (errors is not null)
            problem.Extensions["errors"] = errors;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
