using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SpbeConnector.Registry.Hosting;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>
/// Answers 503 with Retry-After, not 500, when a request needs the registry's store and the store does not answer (the
/// admin API, the token endpoint, the portal during a database outage): the client should try again, and the published
/// APIs are still served (Pasal 60 ayat (3) huruf m). The outage is recorded for <c>/readyz</c>. Nothing internal is
/// echoed to the client; the cause is in <c>/readyz</c> and the log.
/// </summary>
public sealed class RegistryStoreUnavailableHandler(IProblemDetailsService problems, RegistryStoreHealth health) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsStoreFailure(exception))
            return false;
        health.ReportUnreachable(exception);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The registry is unavailable",
                Detail = $"The gateway cannot reach its registry store at the moment; published APIs are still served. Try again in {RetryAfterSeconds} seconds.",
            },
        });
    }

    /// <summary>
    /// A database driver's transient failure anywhere in the chain (EF Core wraps them in InvalidOperationException): the
    /// store is unreachable, timed out or busy. An error the database reported about the request itself (a constraint,
    /// a syntax error) is not one, and stays a 500.
    /// </summary>
    private static bool IsStoreFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true })
                return true;
        }
        return false;
    }
}
