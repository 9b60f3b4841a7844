using System.Diagnostics;
using System.Net;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Tracing;

/// <summary>
/// W3C Trace Context through the gateway: the client's trace is continued, reaches the upstream with the gateway's
/// span as parent, and its trace id is in the audit record and in the problem details of a refusal, so that one call
/// can be followed across the caller, the gateway and the OPD service.
/// </summary>
public class TraceContextTests
{
    [Fact]
    public async Task A_client_traceparent_reaches_the_upstream_and_its_trace_id_is_in_the_audit_record_and_a_refusals_problem_details()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        await gateway.PublishApiAsync("bapenda", "pajak", "v1", [upstream.BaseUrl]); // needs a token
        // A client outside the gateway's process: this test process's own HttpClient would put its own trace in place
        // of the traceparent written here (the gateway's tracing listens in the same process).
        using var client = gateway.CreateClient(handler => handler.ActivityHeadersPropagator = null);

        // Forwarded: the same trace, the gateway's own span as parent, the client's sampling decision kept.
        var (traceId, clientSpan) = (ActivityTraceId.CreateRandom().ToHexString(), ActivitySpanId.CreateRandom().ToHexString());
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/dinkes/faskes/v1/puskesmas");
        forwarded.Headers.Add("traceparent", $"00-{traceId}-{clientSpan}-01");
        using var answer = await client.SendAsync(forwarded);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var sent = TraceParent(Assert.Single(upstream.Received));
        Assert.Equal(traceId, sent.TraceId);
        Assert.NotEqual(clientSpan, sent.ParentId);
        Assert.Equal("01", sent.Flags);
        var requestId = answer.Headers.GetValues("X-Request-Id").Single();
        Assert.Equal(traceId, RecordOf(gateway, requestId, "exchange.request").GetProperty("traceId").GetString());

        // Refused (no token): the problem details and the record of the refusal carry the trace id; nothing went upstream.
        upstream.Clear();
        var refusedTrace = ActivityTraceId.CreateRandom().ToHexString();
        using var refused = new HttpRequestMessage(HttpMethod.Get, "/bapenda/pajak/v1/objek");
        refused.Headers.Add("traceparent", $"00-{refusedTrace}-{ActivitySpanId.CreateRandom().ToHexString()}-00");
        using var refusal = await client.SendAsync(refused);
        Assert.Equal(HttpStatusCode.Unauthorized, refusal.StatusCode);
        Assert.Equal("application/problem+json", refusal.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await refusal.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(refusedTrace, problem.GetProperty("traceId").GetString());
        var refusedId = refusal.Headers.GetValues("X-Request-Id").Single();
        await TestGateway.EventuallyAsync(() => Task.FromResult(new AuditLogReader(gateway.DataDirectory).ForRequest(refusedId).Count > 0),
            TimeSpan.FromSeconds(10), "the refusal is recorded");
        Assert.Equal(refusedTrace, RecordOf(gateway, refusedId, "exchange").GetProperty("traceId").GetString());
        Assert.Empty(upstream.Received);
    }

    [Fact]
    public async Task A_request_without_traceparent_starts_a_trace_that_the_upstream_and_the_audit_record_share()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);

        using var answer = await gateway.Client.GetAsync("/dinkes/faskes/v1/puskesmas");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var sent = TraceParent(Assert.Single(upstream.Received));
        Assert.Matches("^[0-9a-f]{32}$", sent.TraceId);
        Assert.NotEqual(new string('0', 32), sent.TraceId);
        var requestId = answer.Headers.GetValues("X-Request-Id").Single();
        Assert.Equal(sent.TraceId, RecordOf(gateway, requestId, "exchange.request").GetProperty("traceId").GetString());
    }

    private static (string TraceId, string ParentId, string Flags) TraceParent(ReceivedRequest request)
    {
        Assert.True(request.Headers.TryGetValue("traceparent", out var value), "the upstream received no traceparent");
        var parts = value!.Split('-');
        Assert.Equal(4, parts.Length);
        Assert.Equal("00", parts[0]);
        return (parts[1], parts[2], parts[3]);
    }

    private static JsonElement RecordOf(TestGateway gateway, string requestId, string type) =>
        new AuditLogReader(gateway.DataDirectory).ForRequest(requestId).Single(r => r.Type == type).Json;
}
