using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>Turns broken registry rules into RFC 9457 problem details: 400 naming each field, 409 for conflicts.</summary>
public sealed class RegistryExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
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
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

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
