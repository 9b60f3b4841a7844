using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace SpbeConnector.Gateway.Errors;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>, whatever the request's <c>Accept</c> says. The framework's
/// writer declines a request that accepts no JSON (<c>Accept: text/html</c>, <c>image/png</c>, <c>*/*;q=0</c>), and
/// with no writer left the problem-details service throws: the client got an empty 500 without HSTS or request id,
/// counted as a failure of the API's service level. RFC 9110 section 12.5.1 lets a server answer outside
/// <c>Accept</c> rather than 406, and an error is the case where it should: the client learns what went wrong.
/// Registered first, so that the answer is the same for every client.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> options, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        var typeInfo = json.Value.SerializerOptions.GetTypeInfo(problem.GetType());
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, typeInfo, ContentType, http.RequestAborted));
    }
}
