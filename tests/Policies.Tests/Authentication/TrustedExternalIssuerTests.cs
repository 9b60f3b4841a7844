using System.Net;
using System.Net.Http.Headers;
using SpbeConnector.Gateway.Tls;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.Authentication;

/// <summary>
/// Tokens of a trusted external issuer (here a second gateway's own authorization server, standing for the national
/// SPLP or an agency's Keycloak) are accepted for mapped clients, found by discovery and JWKS (Pasal 60 ayat (5) huruf b).
/// </summary>
public class TrustedExternalIssuerTests
{
    [Fact]
    public async Task A_token_of_a_trusted_issuer_is_accepted_for_a_mapped_client_only()
    {
        // The external authorization server, with two clients of its own.
        await using var external = await TestGateway.StartAsync();
        var externalApi = await external.PublishApiAsync("splp", "layanan", "v1", ["http://127.0.0.1:9"]);
        var mapped = await external.CreateClientAsync("kemendagri", "splp-aplikasi");
        var unmapped = await external.CreateClientAsync("kemendagri", "splp-lain");
        await external.SubscribeAsync(mapped.ClientId, externalApi);
        await external.SubscribeAsync(unmapped.ClientId, externalApi);
        var audience = external.ApiIdentifier("/splp/layanan/v1");

        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstreams:CaBundlePath"] = Path.Combine(external.DataDirectory, "tls", DevelopmentCertificate.CertificateFile),
            ["Authentication:TrustedIssuers:0:Issuer"] = external.BaseUrl,
            ["Authentication:TrustedIssuers:0:MetadataAddress"] = external.BaseUrl + "/.well-known/oauth-authorization-server",
            ["Authentication:TrustedIssuers:0:ClientIdClaim"] = "client_id",
            ["Authentication:TrustedIssuers:0:Audience"] = audience,
            ["Authentication:TrustedIssuers:0:Clients:splp-aplikasi"] = "kemendagri-lokal",
        });
        var api = await gateway.PublishApiAsync("disdukcapil", "kependudukan", "v1", [upstream.BaseUrl]);
        var local = await gateway.CreateClientAsync("kemendagri", "kemendagri-lokal");
        await gateway.SubscribeAsync(local.ClientId, api);

        async Task<HttpStatusCode> CallAsync(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/disdukcapil/kependudukan/v1/penduduk/1");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return (await gateway.Client.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(await external.GetTokenAsync(unmapped)));
        Assert.Equal(0, upstream.Count);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(await external.GetTokenAsync(mapped)));
        Assert.Equal("kemendagri-lokal", Assert.Single(upstream.Received).Headers["X-Spbe-Client-Id"]);
    }
}
