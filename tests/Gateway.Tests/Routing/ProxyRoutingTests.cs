using System.Net;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Routing;

public class ProxyRoutingTests
{
    [Fact]
    public async Task A_published_api_is_reached_on_its_public_path_and_its_national_alias_with_the_rest_of_the_path_and_query()
    {
        await using var upstream = await StubUpstream.StartAsync("kependudukan");
        await using var gateway = await TestGateway.StartAsync();
        var api = await gateway.PublishApiAsync("disdukcapil", "kependudukan", "v1", [upstream.BaseUrl + "/api"]);
        using var caller = await gateway.CreateCallerAsync(api);

        var direct = await caller.GetAsync("/disdukcapil/kependudukan/v1/penduduk/3275010101900001?fields=nama");
        var alias = await caller.GetAsync("/t/disdukcapil/kependudukan/v1/penduduk/3275010101900001");

        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alias.StatusCode);
        var received = upstream.Received.ToArray();
        Assert.Equal("/api/penduduk/3275010101900001", received[0].Path);
        Assert.Equal("?fields=nama", received[0].Query);
        Assert.Equal("/api/penduduk/3275010101900001", received[1].Path);
    }

    [Fact]
    public async Task A_draft_api_is_not_routed_and_its_upstream_sees_nothing()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        await gateway.EnsureOpdAsync("dinkes");
        var created = await gateway.Admin.PostAsync("/admin/v1/apis", System.Net.Http.Json.JsonContent.Create(new
        {
            opdCode = "dinkes", name = "Draft", slug = "draf", version = "v1", upstreamUrls = new[] { upstream.BaseUrl },
            allowInsecureUpstream = true, classification = "Public",
        }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var response = await gateway.Client.GetAsync("/dinkes/draf/v1/anything");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, upstream.Count);
    }

    [Fact]
    public async Task Requests_are_spread_over_every_upstream_instance()
    {
        await using var a = await StubUpstream.StartAsync("a");
        await using var b = await StubUpstream.StartAsync("b");
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishApiAsync("dinkes", "faskes", "v1", [a.BaseUrl, b.BaseUrl], isPublic: true);

        for (var i = 0; i < 40; i++)
            (await gateway.Client.GetAsync("/dinkes/faskes/v1/x")).EnsureSuccessStatusCode();

        Assert.True(a.Count > 0 && b.Count > 0, $"a received {a.Count}, b received {b.Count}");
    }
}
