using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>
/// Turns broken registry rules into RFC 9457 problem details: 400 naming each field, 409 for conflicts and missing
/// approval decisions, 403 for a decision refused because of who asks. These are expected refusals, not faults: each is
/// logged here once as a handled refusal (Warning for a refused decider, who may be probing the four-eyes rule;
/// Information for the rest), and the exception handler middleware does not log them again as unhandled exceptions
/// (<see cref="IsExpectedRefusal"/>).
/// </summary>
public sealed partial class RegistryExceptionHandler(IProblemDetailsService problems, ILogger<RegistryExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>An exception this handler answers as a refusal: the middleware records no error diagnostics for it.</summary>
    public static bool IsExpectedRefusal(Exception exception) =>
        exception is RegistryValidationException or RegistryConflictException or ApprovalRequiredException or ApprovalRefusedException;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            RegistryValidationException v => new HttpValidationProblemDetails(v.Errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request breaks registry rules",
                Detail = "Correct the fields listed in 'errors' and send the request again.",
                Extensions = { ["problems"] = v.Problems.Select(Describe).ToList() },
            },
            RegistryConflictException c => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The change conflicts with the registry's current state",
                Detail = c.Message,
                Extensions = { ["messageId"] = c.Problem.MessageId, ["arguments"] = Arguments(c.Problem) },
            },
            ApprovalRequiredException a => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = a.Title,
                Detail = a.Message,
                Extensions = { ["missingDecision"] = a.MissingStage },
            },
            ApprovalRefusedException r => new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = r.Rule == "four-eyes" ? "Refused by the four-eyes rule" : "The caller may not take this decision",
                Detail = r.Message,
                Extensions = { ["rule"] = r.Rule },
            },
            _ => null,
        };
        if (problem is null)
            return false;
        if (exception is ApprovalRefusedException refused)
            LogDeciderRefused(context.Request.Method, context.Request.Path, refused.Rule, refused.Message);
        else
            LogRefused(context.Request.Method, context.Request.Path, problem.Status!.Value, problem.Title, exception.Message);
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} by the approval rule '{Rule}' (403, handled): {Detail}")]
    private partial void LogDeciderRefused(string method, string path, string rule, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path} with {Status} (handled): {Title}. {Detail}")]
    private partial void LogRefused(string method, string path, int status, string? title, string detail);

    /// <summary>
    /// Each problem's message id and arguments beside the English of <c>errors</c>, so that a client can show it in its
    /// user's language (the portal does, from the same ids).
    /// </summary>
    private static object Describe(RegistryProblem problem) =>
        new { field = problem.Field, messageId = problem.MessageId, arguments = Arguments(problem) };

    private static Dictionary<string, string> Arguments(RegistryProblem problem) =>
        problem.Arguments.ToDictionary(a => a.Key, a => a.Value switch
        {
            DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => a.Value?.ToString() ?? "",
        });
}
