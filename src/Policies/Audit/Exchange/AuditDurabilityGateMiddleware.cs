using SpbeConnector.Policies.Tracing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SpbeConnector.Audit.Logging;
using Yarp.ReverseProxy.Model;
using SpbeConnector.Audit;
using SpbeConnector.Audit.Receipts;

namespace SpbeConnector.Policies.Audit.Exchange;

/// <summary>
/// The last step before forwarding: writes the request record (with every decision taken so far, the chosen upstream
/// and the request body's digest) and, in strict mode, lets the request go upstream only once that record is durable
/// (Pasal 59 ayat (9) huruf e; no upstream ever acts on a request the log does not hold). If the log cannot make it
/// durable in time the request is refused with 503 and never forwarded.
/// </summary>
public sealed class AuditDurabilityGateMiddleware(
    RequestDelegate next,
    AuditLog log,
    ExchangeRecords records,
    IOptions<AuditOptions> options,
    IProblemDetailsService problems,
    TimeProvider time)
{
    public Task InvokeAsync(HttpContext context)
    {
        var audit = context.Features.Get<ExchangeAudit>();
        return audit is null || !log.IsEnabled ? next(context) : GateAsync(context, audit);
    }

    private async Task GateAsync(HttpContext context, ExchangeAudit audit)
    {
        // Load balancing has chosen one destination by now.
        if (context.Features.Get<IReverseProxyFeature>()?.AvailableDestinations is { Count: 1 } chosen)
            audit.Upstream = chosen[0].Model.Config.Address;
        try
        {
            var digest = await RequestBodyCapture.CaptureAsync(context, audit, options.Value.MaxBufferedRequestBody);
            if (DigestRefusal(digest) is { } refusal)
            {
                // Answered at once: the body (held or not) is released with the exchange, and the client is told
                // which digests the gateway checks (RFC 9530 section 4).
                audit.GatewayFailure = refusal.Failure;
                context.Response.Headers[ContentDigest.WantHeaderName] = ContentDigest.Wanted;
                await RefuseAsync(context, StatusCodes.Status400BadRequest, refusal.Title, refusal.Detail);
                return;
            }
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException or OperationCanceledException)
        {
            audit.GatewayFailure = "request-body-unreadable";
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "Request body could not be read",
                "The request body ended early, was too large, or the connection was closed.");
            return;
        }

        try
        {
            // Append itself refuses once the log has stopped appending (its store changed under it).
            var ticket = log.Append(records.Request(context, audit));
            audit.RequestRecord = ticket.Seq;
            if (log.MustWait(ticket))
                await WaitDurableAsync(ticket, context.RequestAborted);
        }
        catch (AuditUnavailableException)
        {
            audit.GatewayFailure = "audit-log-unavailable";
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, "Service temporarily unavailable",
                "The gateway cannot record the exchange right now, so it was not forwarded. Try again later.");
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            audit.GatewayFailure = "client-aborted-before-forwarding";
            return;
        }
        audit.ForwardTimestamp = time.GetTimestamp();
        await next(context);
    }

    private sealed record Refusal(string Failure, string Title, string Detail);

    private static Refusal? DigestRefusal(ContentDigestCheck check) => check switch
    {
        ContentDigestCheck.Mismatch => new("content-digest-mismatch", "Content-Digest does not match the body",
            "The body received is not the one the Content-Digest field describes; it was not forwarded."),
        ContentDigestCheck.Malformed => new("content-digest-malformed", "Content-Digest cannot be read",
            "The Content-Digest field is not a list of algorithm=:base64: members (RFC 9530); the request was not forwarded."),
        ContentDigestCheck.Unsupported => new("content-digest-unsupported", "Content-Digest uses no algorithm the gateway checks",
            "Send Content-Digest with sha-256 or sha-512 (see Want-Content-Digest); the request was not forwarded."),
        _ => null,
    };

    /// <summary>The wait for durability, as its own span when the request is traced (it is where strict mode costs time).</summary>
    private async Task WaitDurableAsync(AppendTicket ticket, CancellationToken aborted)
    {
        using var span = GatewayTracing.StartStep("audit durability wait");
        try
        {
            await log.WaitDurableAsync(ticket, aborted);
        }
        catch (Exception e) when (span is not null && e is AuditUnavailableException or OperationCanceledException)
        {
            span.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    private async Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
