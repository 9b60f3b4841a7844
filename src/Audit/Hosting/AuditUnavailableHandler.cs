using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SpbeConnector.Audit.Logging;

namespace SpbeConnector.Audit.Hosting;

/// <summary>
/// Answers 503, not 500, when a request must be recorded and the audit log cannot record it (the admin API's changes,
/// tokens, portal actions): the log is down, not the request wrong. The cause is in the operators' log and in
/// <c>/readyz</c>; nothing internal is echoed to the client.
/// </summary>
public sealed class AuditUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public const int RetryAfterSeconds = 30;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not AuditUnavailableException)
            return false;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The audit log is unavailable",
                Detail = "The gateway could not record this request in its audit log, which every change must be. The operators are told; try again later.",
            },
        });
    }
}
