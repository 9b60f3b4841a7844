using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using SpbeConnector.Gateway.Tls;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Interop;

/// <summary>
/// Interoperability with an independent, certified OAuth 2.0 client library, openid-client (npm, installed by
/// scripts/test.sh into tests/Interop/openid-client): it discovers the server's metadata (RFC 8414), obtains tokens
/// with client_secret_basic and with private_key_jwt (RFC 7523), and calls an API through the gateway with each.
/// </summary>
public class OpenIdClientInteropTests
{
    [Fact]
    public async Task Openid_client_discovers_the_server_gets_tokens_by_secret_and_by_private_key_jwt_and_calls_an_api()
    {
        OpenIdClientNode.Fixture();
        await using var upstream = await StubUpstream.StartAsync("kependudukan");
        await using var gateway = await TestGateway.StartAsync();
        var api = await gateway.PublishApiAsync("disdukcapil", "kependudukan", "v1", [upstream.BaseUrl],
            scopes: ["penduduk.baca"], requiredScopes: ["penduduk.baca"]);
        var bySecret = await gateway.CreateClientAsync("dinkes", "dinkes-sikda");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(true);
        string X = Base64UrlEncoder.Encode(p.Q.X), Y = Base64UrlEncoder.Encode(p.Q.Y);
        var byKey = await gateway.CreateClientAsync("bapenda", "bapenda-pajak",
            jwks: $$"""{"keys":[{"kty":"EC","crv":"P-256","kid":"bapenda-1","use":"sig","alg":"ES256","x":"{{X}}","y":"{{Y}}"}]}""");
        await gateway.SubscribeAsync(bySecret.ClientId, api);
        await gateway.SubscribeAsync(byKey.ClientId, api);

        var result = await OpenIdClientNode.RunAsync("interop.mjs", new Dictionary<string, string>
        {
            ["NODE_EXTRA_CA_CERTS"] = Path.Combine(gateway.DataDirectory, "tls", DevelopmentCertificate.CertificateFile),
            ["ISSUER"] = gateway.BaseUrl,
            ["CLIENT_ID"] = bySecret.ClientId,
            ["CLIENT_SECRET"] = bySecret.Secret,
            ["PKJWT_CLIENT_ID"] = byKey.ClientId,
            ["PKJWT_PRIVATE_JWK"] = $$"""{"kty":"EC","crv":"P-256","kid":"bapenda-1","x":"{{X}}","y":"{{Y}}","d":"{{Base64UrlEncoder.Encode(p.D)}}"}""",
            ["SCOPE"] = "penduduk.baca",
            ["RESOURCE"] = gateway.ApiIdentifier("/disdukcapil/kependudukan/v1"),
            ["API_URL"] = gateway.BaseUrl + "/disdukcapil/kependudukan/v1/penduduk/3275010101900001",
        });

        foreach (var method in new[] { "client_secret_basic", "private_key_jwt" })
        {
            var outcome = result.GetProperty(method);
            Assert.Equal(gateway.BaseUrl + "/oauth2/token", outcome.GetProperty("token_endpoint").GetString());
            Assert.Equal("bearer", outcome.GetProperty("token_type").GetString());
            Assert.Equal("penduduk.baca", outcome.GetProperty("scope").GetString());
            Assert.Equal(200, outcome.GetProperty("api_status").GetInt32());
        }
        Assert.Equal(["dinkes-sikda", "bapenda-pajak"], upstream.Received.Select(r => r.Headers["X-Spbe-Client-Id"]).ToArray());
    }
}
