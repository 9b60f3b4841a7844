using System.Diagnostics;
using System.Net;
using System.Text;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Tracing;

/// <summary>
/// Export over OTLP when <c>OpenTelemetry:Endpoint</c> names a collector: the spans of a client's sampled trace reach
/// it, under the trace id the client sent and the gateway's service name, so that an OPD team finds the gateway's part
/// of a call in the same trace as their own.
/// </summary>
public class OtlpExportTests
{
    [Fact]
    public async Task A_sampled_request_reaches_the_configured_collector_under_the_clients_trace_id()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var collector = await StubUpstream.StartAsync("collector");
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["OpenTelemetry:Endpoint"] = collector.BaseUrl,
            ["OpenTelemetry:Protocol"] = "HttpProtobuf",
        });
        await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        using var client = gateway.CreateClient(handler => handler.ActivityHeadersPropagator = null);

        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dinkes/faskes/v1/puskesmas");
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var answer = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

        // OTLP/protobuf carries the trace id as its 16 raw bytes; the batch exporter sends within its delay (5 s).
        var id = Convert.FromHexString(traceId.ToHexString());
        await TestGateway.EventuallyAsync(
            () => Task.FromResult(collector.Received.Any(r => r.Path == "/v1/traces" && r.Body.AsSpan().IndexOf(id) >= 0)),
            TimeSpan.FromSeconds(30), "the collector receives the request's spans");
        var export = collector.Received.First(r => r.Path == "/v1/traces" && r.Body.AsSpan().IndexOf(id) >= 0);
        Assert.Equal("POST", export.Method);
        Assert.Equal("application/x-protobuf", export.Headers["Content-Type"]);
        Assert.True(export.Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes("spbe-connector")) >= 0, "the spans name the gateway's service");
    }
}
