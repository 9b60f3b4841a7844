using Microsoft.Extensions.Logging.Abstractions;
using SpbeConnector.Gateway.Routing;
using SpbeConnector.Policies.Routing;
using SpbeConnector.Gateway.Upstreams;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Gateway.Tests.Routing;

public class ProxyConfigBuilderTests
{
    private static PublishedApi Api(string opd, string slug, string version, string[] upstreams, bool allowInsecure = false, string? tenant = null) =>
        new(Guid.NewGuid(), opd, tenant, "API", slug, version, upstreams, allowInsecure, InformationClassification.Restricted, ApiStatus.Published);

    private static ProxyConfigBuilder.Result Build(params PublishedApi[] apis) =>
        ProxyConfigBuilder.Build(new PublishedApiSnapshot(1, apis), new UpstreamOptions(), NullLogger.Instance);

    [Fact]
    public void Each_api_gets_a_cluster_of_its_upstreams_and_a_public_route()
    {
        var api = Api("disdukcapil", "kependudukan", "v1", ["https://a.example.go.id/base", "https://b.example.go.id/base"]);
        var result = Build(api);

        var cluster = Assert.Single(result.Clusters);
        Assert.Equal(["https://a.example.go.id/base", "https://b.example.go.id/base"], cluster.Destinations!.Values.Select(d => d.Address).Order());
        var route = Assert.Single(result.Routes, r => r.Match.Path == "/disdukcapil/kependudukan/v1/{**rest}");
        Assert.Equal(cluster.ClusterId, route.ClusterId);
        Assert.Equal(api.Id.ToString(), route.Metadata![RouteMetadataKeys.ApiId]);
        // The public prefix is replaced by the upstream's base path: only the rest of the path is forwarded.
        Assert.Contains(route.Transforms!, t => t.TryGetValue("PathPattern", out var pattern) && pattern == "/{**rest}");
    }

    [Fact]
    public void An_APIs_own_upstream_timeout_and_health_check_reach_its_cluster_and_others_keep_the_defaults()
    {
        var tuned = Api("dinkes", "faskes", "v1", ["https://a.example.go.id"]) with
        {
            UpstreamTimeout = TimeSpan.FromSeconds(5), HealthCheckPath = "/health", HealthCheckInterval = TimeSpan.FromSeconds(3),
        };
        var plain = Api("dinkes", "jadwal", "v1", ["https://b.example.go.id"]);
        var result = Build(tuned, plain);

        var tunedCluster = Assert.Single(result.Clusters, c => c.Destinations!.Values.Single().Address == "https://a.example.go.id");
        Assert.Equal(TimeSpan.FromSeconds(5), tunedCluster.HttpRequest!.ActivityTimeout);
        var active = tunedCluster.HealthCheck!.Active!;
        Assert.True(active.Enabled);
        Assert.Equal(("/health", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), "ConsecutiveFailures"), (active.Path, active.Interval, active.Timeout, active.Policy));

        var plainCluster = Assert.Single(result.Clusters, c => c.Destinations!.Values.Single().Address == "https://b.example.go.id");
        Assert.Equal(new UpstreamOptions().RequestTimeout, plainCluster.HttpRequest!.ActivityTimeout);
        Assert.Null(plainCluster.HealthCheck!.Active);
    }

    [Fact]
    public void National_connector_aliases_are_routed_for_the_opd_code_and_tenant_domain()
    {
        var result = Build(Api("disdukcapil", "kependudukan", "v1", ["https://a.example.go.id"], tenant: "disdukcapil.bekasikota.go.id"));

        var paths = result.Routes.Select(r => r.Match.Path!).Order().ToArray();
        Assert.Equal(
            ["/disdukcapil/kependudukan/v1/{**rest}", "/t/disdukcapil.bekasikota.go.id/kependudukan/v1/{**rest}", "/t/disdukcapil/kependudukan/v1/{**rest}"],
            paths);
    }

    [Fact]
    public void A_plain_http_upstream_that_is_not_explicitly_allowed_is_not_routed()
    {
        var result = Build(
            Api("dinkes", "faskes", "v1", ["http://10.0.0.5:8080"], allowInsecure: false),
            Api("dinkes", "jadwal", "v1", ["http://127.0.0.1:8080"], allowInsecure: true));

        Assert.DoesNotContain(result.Routes, r => r.Match.Path!.Contains("/faskes/"));
        Assert.Contains(result.Routes, r => r.Match.Path!.Contains("/jadwal/"));
        Assert.Single(result.Clusters);
    }

    [Fact]
    public void An_api_with_a_malformed_upstream_is_not_routed_but_others_are()
    {
        var result = Build(
            Api("dinkes", "rusak", "v1", ["ftp://files.example.go.id"]),
            Api("dinkes", "baik", "v1", ["https://ok.example.go.id"]));

        Assert.Equal(["/dinkes/baik/v1/{**rest}", "/t/dinkes/baik/v1/{**rest}"], result.Routes.Select(r => r.Match.Path!).Order());
    }
}
