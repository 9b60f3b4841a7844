using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SpbeConnector.Gateway.Tls;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.UpstreamAuthentication;

/// <summary>
/// An API whose upstream is itself protected by OAuth (here a second gateway standing for the national SPLP): the
/// gateway obtains its own token there with client credentials, caches it, and sends it upstream; the caller's token
/// never goes there. The gateway's secret at the upstream is stored encrypted.
/// </summary>
public class UpstreamOAuthTests
{
    [Fact]
    public async Task The_gateway_obtains_caches_and_sends_its_own_token_to_a_protected_upstream()
    {
        await using var service = await StubUpstream.StartAsync("layanan-nasional");
        var (national, regionAtNational) = await StartNationalAsync(service);
        await using var _n = national;
        var (gateway, api) = await StartRegionAsync(national, regionAtNational.ClientId, regionAtNational.Secret);
        await using var _g = gateway;
        using var caller = await gateway.CreateCallerAsync(api, "dinkes");

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync($"/kemendagri/adminduk/v1/penduduk/{i}")).StatusCode);

        // The national gateway saw this region's client, with one token for all three calls (cached).
        var received = service.Received.ToArray();
        Assert.Equal(3, received.Length);
        Assert.All(received, r => Assert.Equal("pemkot-bekasi", r.Headers["X-Spbe-Client-Id"]));
        Assert.Single(received.Select(r => r.Headers["X-Spbe-Token-Id"]).Distinct());

        // The secret is shown nowhere and stored only encrypted.
        var shown = await gateway.Admin.GetStringAsync($"/admin/v1/apis/{api}");
        Assert.DoesNotContain(regionAtNational.Secret, shown);
        Assert.True(JsonDocument.Parse(shown).RootElement.GetProperty("upstreamOAuth").GetProperty("hasClientSecret").GetBoolean());
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(gateway.DataDirectory, "registry.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT UpstreamProtectedClientSecret FROM apis";
        Assert.DoesNotContain(regionAtNational.Secret, (string)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task When_the_upstream_refuses_the_gateways_credentials_the_call_is_a_502_and_nothing_is_forwarded()
    {
        await using var service = await StubUpstream.StartAsync("layanan-nasional");
        var (national, regionAtNational) = await StartNationalAsync(service);
        await using var _n = national;
        var (gateway, api) = await StartRegionAsync(national, regionAtNational.ClientId, "rahasia-yang-salah");
        await using var _g = gateway;
        using var caller = await gateway.CreateCallerAsync(api, "dinkes");

        var response = await caller.GetAsync("/kemendagri/adminduk/v1/penduduk/1");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, service.Count);
    }

    /// <summary>The national connector: its API in front of <paramref name="service"/>, behind its own authorization server, and this region's client there.</summary>
    private static async Task<(TestGateway National, TestClientCredentials Region)> StartNationalAsync(StubUpstream service)
    {
        var national = await TestGateway.StartAsync();
        var nationalApi = await national.PublishApiAsync("kemendagri", "adminduk", "v1", [service.BaseUrl]);
        var region = await national.CreateClientAsync("kemendagri", "pemkot-bekasi");
        await national.SubscribeAsync(region.ClientId, nationalApi);
        return (national, region);
    }

    /// <summary>The region's gateway, trusting the national one, with an API forwarding to it under the given credentials.</summary>
    private static async Task<(TestGateway Gateway, Guid Api)> StartRegionAsync(TestGateway national, string clientId, string secret)
    {
        var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstreams:CaBundlePath"] = Path.Combine(national.DataDirectory, "tls", DevelopmentCertificate.CertificateFile),
        });
        var api = await gateway.PublishApiAsync("kemendagri", "adminduk", "v1", [national.BaseUrl + "/kemendagri/adminduk/v1"], allowInsecure: false,
            upstreamOAuth: new { tokenEndpoint = national.BaseUrl + "/oauth2/token", clientId, clientSecret = secret });
        return (gateway, api);
    }
}
