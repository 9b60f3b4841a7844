using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SpbeConnector.Audit.Receipts;
using SpbeConnector.Audit.Records;
using SpbeConnector.Audit.Time;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.Policies.Tracing;
using SpbeConnector.Policies.Routing;
using SpbeConnector.Audit;

namespace SpbeConnector.Policies.Audit.Exchange;

/// <summary>
/// Serialises the records of an exchange (Pasal 59 ayat (9) huruf d: who, what, when, from where, with which result):
/// time, node, request id, the caller (client id, OPD, token id, client certificate), source address, API, operation,
/// method, path and query with sensitive values replaced by their HMAC, SHA-256 of the request body and of each
/// uploaded file, upstream, every policy decision, status, SHA-256 of the response body, durations. Bodies and exempt
/// information are never written (huruf c).
/// </summary>
public sealed class ExchangeRecords(AuditClock clock, IOptions<AuditOptions> options, SensitiveValueRedactor redactor, TimeProvider time)
{
    /// <summary>The request record: everything known before forwarding.</summary>
    public PendingAuditRecord Request(HttpContext context, ExchangeAudit audit)
    {
        var now = clock.UtcNow;
        var exchange = context.GetGatewayExchange();
        var buffer = AuditJsonBuffer.Rent();
        var json = buffer.Writer;
        AuditRecordHeader.Write(json, AuditRecordTypes.ExchangeRequest, now, clock, options.Value.NodeId);
        var api = WriteRequest(json, context, audit, exchange);
        WriteDecisions(json, exchange.Decisions, 0);
        json.WriteStartObject("timingsMs");
        json.WriteNumber("beforeForward", Milliseconds(audit.StartTimestamp));
        json.WriteEndObject();
        json.WriteEndObject();
        audit.DecisionsRecorded = exchange.Decisions.Count;
        return Pending(buffer, AuditRecordTypes.ExchangeRequest, now, context, exchange, api, status: null, refusedBy: null);
    }

    /// <summary>The completion record of a forwarded exchange, pointing to its request record.</summary>
    public PendingAuditRecord Response(HttpContext context, ExchangeAudit audit, int status, BodyDigest response, string outcome, string receipt)
    {
        var now = clock.UtcNow;
        var exchange = context.GetGatewayExchange();
        var buffer = AuditJsonBuffer.Rent();
        var json = buffer.Writer;
        AuditRecordHeader.Write(json, AuditRecordTypes.ExchangeResponse, now, clock, options.Value.NodeId);
        json.WriteString("requestId", context.TraceIdentifier);
        json.WriteNumber("requestRecord", audit.RequestRecord!.Value);
        json.WriteNumber("status", status);
        json.WriteString("outcome", outcome);
        WriteDigest(json, "responseBody", response);
        if (audit.StreamedRequestBody is { } streamed)
        {
            if (streamed.Digest is { } digest)
                WriteDigest(json, "requestBody", new BodyDigest(digest, streamed.BytesRead));
            else
                json.WriteString("requestBody", "incomplete");
        }
        json.WriteString("receipt", receipt);
        if (audit.ReceiptRecord is { } receiptRecord)
            json.WriteNumber("receiptRecord", receiptRecord);
        WriteDecisions(json, exchange.Decisions, audit.DecisionsRecorded);
        if (audit.GatewayFailure is { } failure)
            json.WriteString("gatewayFailure", failure);
        json.WriteStartObject("timingsMs");
        if (audit.ForwardTimestamp != 0)
            json.WriteNumber("upstream", Milliseconds(audit.ForwardTimestamp));
        json.WriteNumber("total", Milliseconds(audit.StartTimestamp));
        json.WriteEndObject();
        json.WriteEndObject();
        var api = RoutedApi.Of(context);
        return Pending(buffer, AuditRecordTypes.ExchangeResponse, now, context, exchange, api, status, RefusedBy(exchange, audit.DecisionsRecorded));
    }

    /// <summary>One complete record for an exchange that never went upstream (refused by a policy, or failed before).</summary>
    public PendingAuditRecord NotForwarded(HttpContext context, ExchangeAudit audit, int status, BodyDigest? response, string outcome, string receipt)
    {
        var now = clock.UtcNow;
        var exchange = context.GetGatewayExchange();
        var buffer = AuditJsonBuffer.Rent();
        var json = buffer.Writer;
        AuditRecordHeader.Write(json, AuditRecordTypes.Exchange, now, clock, options.Value.NodeId);
        var api = WriteRequest(json, context, audit, exchange);
        WriteDecisions(json, exchange.Decisions, 0);
        var refusedBy = RefusedBy(exchange, 0);
        if (refusedBy is not null)
            json.WriteString("refusedBy", refusedBy);
        json.WriteNumber("status", status);
        json.WriteString("outcome", outcome);
        if (response is not null)
            WriteDigest(json, "responseBody", response);
        json.WriteString("receipt", receipt);
        if (audit.GatewayFailure is { } failure)
            json.WriteString("gatewayFailure", failure);
        json.WriteStartObject("timingsMs");
        json.WriteNumber("total", Milliseconds(audit.StartTimestamp));
        json.WriteEndObject();
        json.WriteEndObject();
        return Pending(buffer, AuditRecordTypes.Exchange, now, context, exchange, api, status, refusedBy ?? (outcome == ExchangeOutcome.Refused ? "gateway" : null));
    }

    /// <summary>The receipt record of a batched receipt (<see cref="ReceiptStatement"/>): only what the client sees.</summary>
    public PendingAuditRecord Receipt(HttpContext context, long? auditRecord, int status, string contentDigest, byte[] requestCommitment, PendingReceipt receipt) =>
        ReceiptStatement.Create(clock.UtcNow, context.TraceIdentifier, auditRecord, status, contentDigest, requestCommitment, receipt);

    private RoutedApi? WriteRequest(Utf8JsonWriter json, HttpContext context, ExchangeAudit audit, GatewayExchangeFeature exchange)
    {
        json.WriteString("requestId", context.TraceIdentifier);
        // The W3C trace the exchange belongs to (the client's, continued, or one the gateway started), so that an
        // investigation can follow a call across the caller, the gateway and the OPD service. Records written before
        // this field existed lack it; each record's hash covers its own bytes, so they still verify.
        if (GatewayTracing.CurrentTraceId() is { } traceId)
            json.WriteString("traceId", traceId);
        var caller = exchange.Caller;
        if (caller is null)
        {
            json.WriteNull("client");
        }
        else
        {
            json.WriteStartObject("client");
            json.WriteString("id", caller.ClientId);
            json.WriteString("opd", caller.OpdCode);
            json.WriteString("tokenId", caller.TokenId);
            json.WriteString("certificateThumbprint", caller.CertificateThumbprint);
            json.WriteEndObject();
        }
        if (context.Connection.ClientCertificate is { } certificate)
            json.WriteString("tlsClientCertificateSha256", certificate.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant());
        if (exchange.RequestSignature is { } signature)
        {
            // Proof of origin: the client's signature as sent, which the gateway verified with the client's key.
            json.WriteStartObject("requestSignature");
            json.WriteString("keyId", signature.KeyId);
            json.WriteString("clientId", signature.ClientId);
            json.WriteNumber("created", signature.Created);
            json.WriteString("signatureInput", signature.SignatureInput);
            json.WriteString("signature", signature.Signature);
            json.WriteEndObject();
        }
        WriteAddress(json, "sourceIp", context.Connection.RemoteIpAddress);
        var api = RoutedApi.Of(context);
        if (api is null)
        {
            json.WriteNull("api");
        }
        else
        {
            json.WriteStartObject("api");
            json.WriteString("id", api.IdText);
            json.WriteString("opd", api.OpdCode);
            json.WriteString("name", api.Slug);
            json.WriteString("version", api.Version);
            json.WriteEndObject();
        }
        json.WriteString("operationId", exchange.OperationId);
        json.WriteString("method", context.Request.Method);
        json.WriteString("target", audit.RedactedTarget ??= redactor.Redact(context.Request.PathBase.Add(context.Request.Path), context.Request.QueryString, exchange.SensitiveValues));
        if (audit.RequestBody is { } body)
            WriteDigest(json, "requestBody", body);
        else if (audit.StreamedRequestBody is not null)
            json.WriteString("requestBody", "streamed");
        else
            json.WriteNull("requestBody");
        if (audit.Files is { Count: > 0 } files)
        {
            json.WriteStartArray("files");
            foreach (var file in files)
            {
                json.WriteStartObject();
                json.WriteString("field", file.Field);
                json.WriteString("contentType", file.ContentType);
                WriteHex(json, "sha256", file.Sha256);
                json.WriteNumber("length", file.Length);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteString("upstream", audit.Upstream);
        return api;
    }

    private static void WriteDecisions(Utf8JsonWriter json, IReadOnlyList<PolicyDecision> decisions, int from)
    {
        json.WriteStartArray("decisions");
        for (var i = from; i < decisions.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("policy", decisions[i].Policy);
            json.WriteBoolean("allowed", decisions[i].Allowed);
            json.WriteString("reason", decisions[i].Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteDigest(Utf8JsonWriter json, string name, BodyDigest digest)
    {
        json.WriteStartObject(name);
        WriteHex(json, "sha256", digest.Sha256);
        json.WriteNumber("length", digest.Length);
        json.WriteEndObject();
    }

    // Hex digests and the source address are formatted on the stack and written from there: two records per
    // exchange, each with two or three of them, made a string apiece that lived only until it was copied (issue 21).
    private static void WriteHex(Utf8JsonWriter json, string name, ReadOnlySpan<byte> bytes)
    {
        Span<char> hex = stackalloc char[bytes.Length * 2];
        Convert.TryToHexStringLower(bytes, hex, out var written);
        json.WriteString(name, hex[..written]);
    }

    private static void WriteAddress(Utf8JsonWriter json, string name, System.Net.IPAddress? address)
    {
        Span<char> text = stackalloc char[64]; // INET6_ADDRSTRLEN with a scope id fits
        if (address is null)
            json.WriteNull(name);
        else if (address.TryFormat(text, out var written))
            json.WriteString(name, text[..written]);
        else
            json.WriteString(name, address.ToString());
    }

    private static string? RefusedBy(GatewayExchangeFeature exchange, int from)
    {
        var decisions = exchange.Decisions;
        for (var i = from; i < decisions.Count; i++)
        {
            if (!decisions[i].Allowed)
                return decisions[i].Policy;
        }
        return null;
    }

    private double Milliseconds(long since) => Math.Round(time.GetElapsedTime(since).TotalMilliseconds, 3);

    private static PendingAuditRecord Pending(AuditJsonBuffer buffer, string type, DateTimeOffset now, HttpContext context,
        GatewayExchangeFeature exchange, RoutedApi? api, int? status, string? refusedBy) =>
        new(buffer.ToArrayAndReturn(), type, now.ToUnixTimeMilliseconds())
        {
            RequestId = context.TraceIdentifier,
            ClientId = exchange.Caller?.ClientId,
            ClientOpd = exchange.Caller?.OpdCode,
            Api = api?.ApiPath,
            ApiOpd = api?.OpdCode,
            Status = status,
            RefusedBy = refusedBy,
        };
}
