using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.OAuth;

/// <summary>
/// private_key_jwt (RFC 7523) and mutual-TLS client authentication with certificate-bound tokens (RFC 8705;
/// Pasal 60 ayat (3) huruf i: electronic certificates in authentication; Pasal 59 ayat (6) huruf d).
/// </summary>
public class ClientAuthenticationMethodTests
{
    private static string PublicJwks(ECDsa key, string kid)
    {
        var p = key.ExportParameters(false);
        return $$"""{"keys":[{"kty":"EC","crv":"P-256","kid":"{{kid}}","use":"sig","x":"{{Base64UrlEncoder.Encode(p.Q.X)}}","y":"{{Base64UrlEncoder.Encode(p.Q.Y)}}"}]}""";
    }

    private static string Assertion(string clientId, string audience, ECDsa key, string kid, string? jti = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            Expires = DateTime.UtcNow.AddMinutes(1),
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = jti ?? Guid.NewGuid().ToString("N") },
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256),
        });

    private static Task<HttpResponseMessage> RequestWithAssertionAsync(HttpClient client, string assertion) =>
        client.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        }));

    [Fact]
    public async Task Private_key_jwt_authenticates_once_per_assertion_and_only_for_this_server()
    {
        await using var gateway = await TestGateway.StartAsync();
        var api = await gateway.PublishApiAsync("dinkes", "faskes", "v1", ["http://127.0.0.1:9"]);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var client = await gateway.CreateClientAsync("bapenda", "bapenda-pajak", jwks: PublicJwks(key, "kunci-1"));
        await gateway.SubscribeAsync(client.ClientId, api);
        var tokenEndpoint = gateway.BaseUrl + "/oauth2/token";

        var assertion = Assertion(client.ClientId, tokenEndpoint, key, "kunci-1");
        var first = await RequestWithAssertionAsync(gateway.Client, assertion);
        var replayed = await RequestWithAssertionAsync(gateway.Client, assertion);
        var byIssuerId = await RequestWithAssertionAsync(gateway.Client, Assertion(client.ClientId, gateway.BaseUrl, key, "kunci-1"));
        var otherAudience = await RequestWithAssertionAsync(gateway.Client, Assertion(client.ClientId, "https://server-lain.example.go.id/oauth2/token", key, "kunci-1"));
        var otherKey = await RequestWithAssertionAsync(gateway.Client, Assertion(client.ClientId, tokenEndpoint, stranger, "kunci-1"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await TokenEndpointTests.AssertErrorAsync(replayed, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Equal(HttpStatusCode.OK, byIssuerId.StatusCode);
        await TokenEndpointTests.AssertErrorAsync(otherAudience, HttpStatusCode.Unauthorized, "invalid_client");
        await TokenEndpointTests.AssertErrorAsync(otherKey, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task A_private_key_cannot_be_registered()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.EnsureOpdAsync("bapenda");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(true);
        var withPrivate = $$"""{"keys":[{"kty":"EC","crv":"P-256","x":"{{Base64UrlEncoder.Encode(p.Q.X)}}","y":"{{Base64UrlEncoder.Encode(p.Q.Y)}}","d":"{{Base64UrlEncoder.Encode(p.D)}}"}]}""";

        var response = await gateway.Admin.PostAsJsonAsync("/admin/v1/clients", new { opdCode = "bapenda", name = "Bocor", jwks = withPrivate });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("jwks", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_certificate_authenticated_client_gets_a_bound_token_that_works_only_with_its_certificate()
    {
        await using var upstream = await StubUpstream.StartAsync("dikecualikan");
        await using var gateway = await TestGateway.StartAsync();
        var api = await gateway.PublishApiAsync("dinkes", "rekam-medis", "v1", [upstream.BaseUrl], classification: "Exempt");
        using var certificate = TestCertificates.CreateClientCertificate("aplikasi-rs");
        using var otherCertificate = TestCertificates.CreateClientCertificate("penyusup");
        var client = await gateway.CreateClientAsync("rsud", "rsud-simrs", certificates: [TestCertificates.Pem(certificate)]);
        await gateway.SubscribeAsync(client.ClientId, api);
        using var mtls = gateway.CreateClient(certificate);
        using var impostor = gateway.CreateClient(otherCertificate);

        var issued = await mtls.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = client.ClientId,
        }));
        var unregistered = await impostor.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = client.ClientId,
        }));
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        await TokenEndpointTests.AssertErrorAsync(unregistered, HttpStatusCode.Unauthorized, "invalid_client");
        var token = (await issued.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["access_token"].ToString()!;
        var cnf = new JsonWebToken(token).GetPayloadValue<Dictionary<string, object>>("cnf");
        Assert.Equal(CertificateThumbprint.Of(certificate), cnf["x5t#S256"].ToString());

        async Task<HttpStatusCode> CallAsync(HttpClient over)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/dinkes/rekam-medis/v1/pasien/1");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return (await over.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(gateway.Client)); // without a certificate
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(impostor));       // with another certificate
        Assert.Equal(0, upstream.Count);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(mtls));
        Assert.Equal(1, upstream.Count);
    }

    [Fact]
    public async Task Tls_client_auth_accepts_a_certificate_of_a_trusted_authority_with_the_registered_subject_only()
    {
        using var authority = TestCertificates.CreateAuthority("CA Uji");
        var bundle = Path.Combine(Path.GetTempPath(), "spbe-ca-" + Guid.NewGuid().ToString("N") + ".pem");
        await File.WriteAllTextAsync(bundle, TestCertificates.Pem(authority));
        try
        {
            await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["OAuth:ClientCertificateCaBundlePath"] = bundle });
            var api = await gateway.PublishApiAsync("dinkes", "faskes", "v1", ["http://127.0.0.1:9"]);
            const string subject = "CN=simrs, O=RSUD Kota Bekasi, C=ID";
            var client = await gateway.CreateClientAsync("rsud", "rsud-simrs", tlsClientAuthSubjectDn: subject);
            await gateway.SubscribeAsync(client.ClientId, api);
            using var issued = TestCertificates.IssueClientCertificate(authority, subject);
            using var forged = TestCertificates.CreateSelfSigned(subject); // same subject, no trusted issuer
            using var otherSubject = TestCertificates.IssueClientCertificate(authority, "CN=lain, O=RSUD Kota Bekasi, C=ID");

            async Task<HttpResponseMessage> RequestAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
            {
                using var mtls = gateway.CreateClient(certificate);
                return await mtls.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials", ["client_id"] = client.ClientId,
                }));
            }

            var accepted = await RequestAsync(issued);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            var token = new JsonWebToken((await accepted.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["access_token"].ToString());
            Assert.Equal(CertificateThumbprint.Of(issued), token.GetPayloadValue<Dictionary<string, object>>("cnf")["x5t#S256"].ToString());
            await TokenEndpointTests.AssertErrorAsync(await RequestAsync(forged), HttpStatusCode.Unauthorized, "invalid_client");
            await TokenEndpointTests.AssertErrorAsync(await RequestAsync(otherSubject), HttpStatusCode.Unauthorized, "invalid_client");
        }
        finally
        {
            File.Delete(bundle);
        }
    }
}
