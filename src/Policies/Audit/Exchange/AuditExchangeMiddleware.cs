using SpbeConnector.Audit.Hosting;
using Microsoft.AspNetCore.Mvc;
using SpbeConnector.Audit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpbeConnector.Audit.Logging;
using SpbeConnector.Audit.Receipts;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.Audit;

namespace SpbeConnector.Policies.Audit.Exchange;

/// <summary>
/// The audit step of the data plane, after the service-level recording, metrics, cheap shedding and attack detection
/// (DataPlanePipeline; flood traffic is counted, not audited): every proxied exchange from there on ends in the audit
/// log, whether it was forwarded or refused by a later policy (Pasal 59 ayat (9) huruf d), and every response carries a receipt: <c>Content-Digest</c>
/// (RFC 9530) and the gateway's signed word on the request's method and target URI, the status, the digest, the
/// request id and the exchange's audit record (Tunggal Pasal 1 angka 25: non-repudiation for both sides). By default
/// that is a batched receipt (<c>Spbe-Receipt</c>, RFC 9942): the inclusion proof of a receipt record in the durable
/// log under a tree head signed once for every response waiting then; <c>Audit:Receipts:Mode=PerResponse</c> (or the
/// log off) gives each response an RFC 9421 signature of its own instead.
///
/// The response body is held back (up to <see cref="ReceiptOptions.MaxBufferedResponseBody"/>) so that its digest can
/// go in the headers; larger or streamed bodies pass at once, and their receipt goes in the trailers (HTTP/2) or in the
/// headers without the digest (HTTP/1.1, whose record still holds the digest).
/// </summary>
public sealed partial class AuditExchangeMiddleware(
    RequestDelegate next,
    AuditLog log,
    ExchangeRecords records,
    ReceiptSigner signer,
    TreeHeadSigner heads,
    IOptions<AuditOptions> options,
    TimeProvider time,
    ILogger<AuditExchangeMiddleware> logger)
{
    private readonly bool _receipts = options.Value.Receipts.Enabled;
    private readonly int _holdLimit = options.Value.Receipts.Enabled ? options.Value.Receipts.MaxBufferedResponseBody : 0;
    private readonly bool _batched = heads.Enabled;
    private readonly TimeSpan _receiptTimeout = options.Value.DurabilityTimeout;

    public Task InvokeAsync(HttpContext context) => !log.IsEnabled && !_receipts ? next(context) : AuditAsync(context);

    private async Task AuditAsync(HttpContext context)
    {
        var audit = new ExchangeAudit(time.GetUtcNow(), time.GetTimestamp());
        context.Features.Set(audit);
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var body = new CapturedResponseBody(context, original.Stream, _holdLimit, () => OnStreamingAsync(context, audit));
        var captured = new StreamResponseBodyFeature(body, original);
        context.Features.Set<IHttpResponseBodyFeature>(captured);
        try
        {
            try
            {
                await next(context);
                await captured.CompleteAsync();
            }
            catch (Exception ex) when (IsClientAbort(context, ex))
            {
                Finish(context, audit, body, context.Response.StatusCode, ExchangeOutcome.ClientAborted);
                return;
            }
            catch (Exception)
            {
                context.Features.Set(original);
                audit.GatewayFailure = "unhandled-exception";
                Finish(context, audit, body, StatusCodes.Status500InternalServerError, ExchangeOutcome.Failed);
                throw; // the exception handler answers 500 with problem details
            }
            await SendAsync(context, audit, body);
        }
        finally
        {
            context.Features.Set(original);
            captured.Dispose();
            audit.HeldRequestBody?.Dispose();
        }
    }

    private async Task SendAsync(HttpContext context, ExchangeAudit audit, CapturedResponseBody body)
    {
        var response = context.Response;
        var status = response.StatusCode;
        long? record = audit.RequestRecord;
        var outcome = ExchangeOutcome.Completed;
        if (!body.Streaming)
        {
            var digest = body.Digest();
            if (_receipts)
                audit.ReceiptDelivery = _batched ? ReceiptDelivery.Batched : ReceiptDelivery.Headers;
            if (log.IsEnabled && record is null)
                record = Finish(context, audit, body, status, NotForwardedOutcome(context, status));
            if (_receipts)
            {
                var contentDigest = ContentDigest.Format(digest);
                response.Headers[ContentDigest.HeaderName] = contentDigest;
                if (!_batched)
                    Sign(context, response.Headers, contentDigest, trailers: false, record);
                else if (!await IssueBatchedReceiptAsync(context, audit, contentDigest, record))
                    outcome = ExchangeOutcome.ClientAborted;
                else if (audit.ReceiptDelivery == ReceiptDelivery.Refused)
                    status = await RefuseUnreceiptedAsync(context, audit, body);
            }
            if (response.ContentLength is null && CanHaveBody(context, status))
                response.ContentLength = body.BytesWritten;
        }

        try
        {
            if (outcome == ExchangeOutcome.Completed)
                await body.ReleaseAsync(context.RequestAborted);
            if (body.Streaming && audit.ReceiptDelivery == ReceiptDelivery.Trailers)
            {
                var contentDigest = ContentDigest.Format(body.Digest());
                response.AppendTrailer(ContentDigest.HeaderName, contentDigest);
                Sign(context, null, contentDigest, trailers: true, record);
            }
        }
        catch (Exception ex) when (IsClientAbort(context, ex))
        {
            outcome = ExchangeOutcome.ClientAborted;
        }

        if (log.IsEnabled && audit.RequestRecord is not null)
            Finish(context, audit, body, status, outcome);
        else if (log.IsEnabled && body.Streaming)
            Finish(context, audit, body, status, outcome == ExchangeOutcome.Completed ? NotForwardedOutcome(context, status) : outcome);
    }

    /// <summary>Runs when the body is too large or streamed to be held: the headers are about to go.</summary>
    private Task OnStreamingAsync(HttpContext context, ExchangeAudit audit)
    {
        if (!_receipts)
            return Task.CompletedTask;
        if (context.Response.SupportsTrailers())
        {
            context.Response.DeclareTrailer(ContentDigest.HeaderName);
            context.Response.DeclareTrailer(ReceiptFields.SignatureInputHeader);
            context.Response.DeclareTrailer(ReceiptFields.SignatureHeader);
            if (audit.RequestRecord is { } seq)
                context.Response.Headers[ReceiptFields.AuditRecordHeader] = seq.ToString(System.Globalization.CultureInfo.InvariantCulture);
            audit.ReceiptDelivery = ReceiptDelivery.Trailers;
        }
        else
        {
            audit.ReceiptDelivery = ReceiptDelivery.HeadersWithoutDigest;
            Sign(context, context.Response.Headers, null, trailers: false, audit.RequestRecord);
        }
        return Task.CompletedTask;
    }

    private void Sign(HttpContext context, IHeaderDictionary? headers, string? contentDigest, bool trailers, long? record)
    {
        var response = context.Response;
        if (headers is not null && record is { } seq)
            headers[ReceiptFields.AuditRecordHeader] = seq.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (input, signature) = signer.Sign(new ReceiptContent(
            context.Request.Method, context.Request.GetEncodedUrl(), response.StatusCode, contentDigest, trailers,
            context.TraceIdentifier, record, time.GetUtcNow().ToUnixTimeSeconds()));
        if (headers is not null)
        {
            headers[ReceiptFields.SignatureInputHeader] = input;
            headers[ReceiptFields.SignatureHeader] = signature;
        }
        else
        {
            response.AppendTrailer(ReceiptFields.SignatureInputHeader, input);
            response.AppendTrailer(ReceiptFields.SignatureHeader, signature);
        }
    }

    /// <summary>
    /// A batched receipt (RFC 9942): appends the receipt record, waits until a tree head holding it, durable, is
    /// signed (one signature shared by every response waiting then), and puts the receipt in the headers. Strict mode
    /// releases no response whose receipt record is not durable (<see cref="ReceiptDelivery.Refused"/>: answered 503);
    /// in async mode the response goes without a receipt. False when the client went away meanwhile.
    /// </summary>
    private async Task<bool> IssueBatchedReceiptAsync(HttpContext context, ExchangeAudit audit, string contentDigest, long? record)
    {
        var response = context.Response;
        Span<byte> requestKey = stackalloc byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(requestKey);
        var commitment = ReceiptStatement.RequestCommitment(requestKey, context.Request.Method, context.Request.GetEncodedUrl());
        var pending = new PendingReceipt();
        var key = requestKey.ToArray();
        try
        {
            var ticket = log.Append(records.Receipt(context, record, response.StatusCode, contentDigest, commitment, pending));
            audit.ReceiptRecord = ticket.Seq;
            // One wait, not two: the signer only ever gets durable groups, so a receipt completes after its record is
            // durable, and fails at once with the group if the group can never be written (AuditBatch.Fail).
            var receipt = await pending.Task.WaitAsync(_receiptTimeout, time, context.RequestAborted);
            if (record is { } seq)
                response.Headers[ReceiptFields.AuditRecordHeader] = seq.ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers[ReceiptFields.BatchedReceiptHeader] = ReceiptFields.FormatBatched(receipt, key);
            return true;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex) when (ex is AuditUnavailableException or TimeoutException)
        {
            LogReceiptMissing(context.TraceIdentifier);
            audit.ReceiptDelivery = log.Mode == AuditMode.Strict ? ReceiptDelivery.Refused : ReceiptDelivery.None;
            return true;
        }
    }

    /// <summary>
    /// Strict mode, no durable receipt record: the held response is replaced by 503 problem details (the upstream's
    /// answer is never released unrecorded), and the completion record says why.
    /// </summary>
    private static readonly System.Text.Json.JsonSerializerOptions ProblemJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static async Task<int> RefuseUnreceiptedAsync(HttpContext context, ExchangeAudit audit, CapturedResponseBody body)
    {
        var response = context.Response;
        response.Clear(); // status, headers and the held body
        response.Headers[ReceiptFields.RequestIdHeader] = context.TraceIdentifier;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = AuditUnavailableHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        audit.GatewayFailure ??= "audit-log-unavailable";
        // Written into the held body itself: the response's body writer was completed when the pipeline returned.
        response.ContentType = "application/problem+json";
        await body.WriteAsync(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Service temporarily unavailable",
            Detail = "The gateway could not record its answer in the audit log, so it is not released. Try again later.",
        }, ProblemJson), context.RequestAborted);
        return StatusCodes.Status503ServiceUnavailable;
    }

    /// <summary>Appends the exchange's last record: its completion, or the one record of an exchange never forwarded.</summary>
    private long? Finish(HttpContext context, ExchangeAudit audit, CapturedResponseBody body, int status, string outcome)
    {
        if (!log.IsEnabled)
            return null;
        try
        {
            var response = new BodyDigest(body.Digest(), body.BytesWritten);
            var record = audit.RequestRecord is not null
                ? records.Response(context, audit, status, response, outcome, audit.ReceiptDelivery)
                : records.NotForwarded(context, audit, status, response, outcome, audit.ReceiptDelivery);
            return log.Append(record).Seq;
        }
        catch (AuditUnavailableException)
        {
            LogCompletionLost(context.TraceIdentifier);
            return null;
        }
    }

    private static string NotForwardedOutcome(HttpContext context, int status)
    {
        foreach (var decision in context.GetGatewayExchange().Decisions)
        {
            if (!decision.Allowed)
                return ExchangeOutcome.Refused;
        }
        return status >= 500 ? ExchangeOutcome.Failed : ExchangeOutcome.Refused;
    }

    private static bool CanHaveBody(HttpContext context, int status) =>
        !HttpMethods.IsHead(context.Request.Method) && status is >= 200 and not 204 and not 304;

    private static bool IsClientAbort(HttpContext context, Exception ex) =>
        context.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException;

    [LoggerMessage(Level = LogLevel.Error, Message = "No batched receipt could be made for exchange {RequestId}: its receipt record was not made durable or no tree head was signed in time (strict mode answers 503, async mode sends the response without a receipt). Check the audit store's disk and the receipt key")]
    private partial void LogReceiptMissing(string requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The last record of exchange {RequestId} could not be queued: the audit log has stopped")]
    private partial void LogCompletionLost(string requestId);
}
