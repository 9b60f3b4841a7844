using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.RequestId;

public class RequestIdTests
{
    [Fact]
    public async Task Every_response_carries_a_fresh_request_id_that_the_upstream_also_receives_and_a_client_cannot_choose()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl], isPublic: true);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/dinkes/faskes/v1/x");
        request.Headers.Add("X-Request-Id", "chosen-by-client");
        var first = await gateway.Client.SendAsync(request);
        var second = await gateway.Client.GetAsync("/dinkes/faskes/v1/x");

        var id1 = first.Headers.GetValues("X-Request-Id").Single();
        var id2 = second.Headers.GetValues("X-Request-Id").Single();
        Assert.NotEqual("chosen-by-client", id1);
        Assert.NotEqual(id1, id2);
        Assert.Equal(32, id1.Length);
        Assert.Equal([id1, id2], upstream.Received.Select(r => r.Headers["X-Request-Id"]));
    }
}
