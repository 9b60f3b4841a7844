using System.Net;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Health;

public class HealthTests
{
    [Fact]
    public async Task Liveness_and_readiness_answer_over_tls()
    {
        await using var gateway = await TestGateway.StartAsync();

        var alive = await gateway.Client.GetAsync("/healthz");
        var ready = await gateway.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("reachable", body.GetProperty("store").GetString());
        Assert.True(body.GetProperty("routesLoaded").GetBoolean());
    }
}
