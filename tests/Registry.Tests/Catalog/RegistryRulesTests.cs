using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Tests.Catalog;

public class RegistryRulesTests
{
    [Theory]
    [InlineData("https://layanan.disdukcapil.go.id/api", false, true)]
    [InlineData("http://127.0.0.1:8080", true, true)]
    [InlineData("http://127.0.0.1:8080", false, false)]   // plain HTTP without an explicit allowance
    [InlineData("https://user:pass@host.go.id", false, false)] // credentials in the URL
    [InlineData("https://host.go.id/api?key=secret", false, false)] // secrets in the query
    [InlineData("ftp://host.go.id", false, false)]
    [InlineData("/relative", false, false)]
    public void Upstream_urls(string url, bool allowInsecure, bool accepted) =>
        Assert.Equal(accepted, RegistryRules.CheckUpstream(url, allowInsecure) is null);

    [Theory]
    [InlineData("disdukcapil", true)]
    [InlineData("dinas-kesehatan", true)]
    [InlineData("Disdukcapil", false)]
    [InlineData("a", false)]
    [InlineData("admin", false)]
    [InlineData("oauth2", false)]
    [InlineData("t", false)]
    [InlineData("../etc", false)]
    public void Opd_codes(string code, bool accepted) =>
        Assert.Equal(accepted, RegistryRules.Check(new OpdInput(code, "Nama", null)).Count == 0);

    [Fact]
    public void Every_problem_of_an_api_is_reported_at_once()
    {
        var errors = RegistryRules.Check(new ApiInput("x", "", "Bad Slug", "v 1", null, [], false, null, InformationClassification.Public));

        Assert.Equal(["name", "slug", "upstreamUrls", "version"], errors.Fields.Order());
    }
}
