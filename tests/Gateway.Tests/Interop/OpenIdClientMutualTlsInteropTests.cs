using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;
using SpbeConnector.Gateway.Tls;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Interop;

/// <summary>
/// Interoperability of the authorization server (OpenIddict with the registry's handlers) with openid-client over
/// mutual TLS, RFC 8705 (Pasal 60 ayat (3) huruf i: electronic certificates in authentication): tokens obtained with
/// <c>tls_client_auth</c> and <c>self_signed_tls_client_auth</c> are bound to the certificate and work on an API only
/// with it; a resource server authenticating with <c>private_key_jwt</c> introspects and revokes through openid-client.
/// </summary>
public class OpenIdClientMutualTlsInteropTests
{
    [Fact]
    public async Task Openid_client_gets_certificate_bound_tokens_over_mutual_tls_and_introspects_and_revokes_with_private_key_jwt()
    {
        OpenIdClientNode.Fixture();
        using var authority = TestCertificates.CreateAuthority("CA Uji Interop");
        var bundle = Path.Combine(Path.GetTempPath(), "spbe-ca-" + Guid.NewGuid().ToString("N") + ".pem");
        await File.WriteAllTextAsync(bundle, TestCertificates.Pem(authority));
        try
        {
            await using var upstream = await StubUpstream.StartAsync("kependudukan");
            await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["OAuth:ClientCertificateCaBundlePath"] = bundle });
            var api = await gateway.PublishApiAsync("disdukcapil", "kependudukan", "v1", [upstream.BaseUrl], scopes: ["penduduk.baca"]);
            const string subject = "CN=simrs, O=RSUD Kota Bekasi, C=ID";
            using var issued = TestCertificates.IssueClientCertificate(authority, subject);
            using var selfSigned = TestCertificates.CreateClientCertificate("puskesmas-simpus");
            var byCa = await gateway.CreateClientAsync("rsud", "rsud-simrs", tlsClientAuthSubjectDn: subject);
            var byRegistered = await gateway.CreateClientAsync("dinkes", "dinkes-simpus", certificates: [TestCertificates.Pem(selfSigned)]);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var p = key.ExportParameters(true);
            string x = Base64UrlEncoder.Encode(p.Q.X), y = Base64UrlEncoder.Encode(p.Q.Y);
            var resourceServer = await gateway.CreateClientAsync("disdukcapil", "disdukcapil-rs", mayIntrospect: true,
                jwks: $$"""{"keys":[{"kty":"EC","crv":"P-256","kid":"rs-1","use":"sig","alg":"ES256","x":"{{x}}","y":"{{y}}"}]}""");
            foreach (var client in new[] { byCa, byRegistered, resourceServer })
                await gateway.SubscribeAsync(client.ClientId, api);

            var result = await OpenIdClientNode.RunAsync("interop-mtls.mjs", new Dictionary<string, string>
            {
                ["NODE_EXTRA_CA_CERTS"] = Path.Combine(gateway.DataDirectory, "tls", DevelopmentCertificate.CertificateFile),
                ["ISSUER"] = gateway.BaseUrl,
                ["TLS_CLIENT_ID"] = byCa.ClientId,
                ["TLS_CERT_PEM"] = TestCertificates.Pem(issued),
                ["TLS_KEY_PEM"] = issued.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem(),
                ["SELF_CLIENT_ID"] = byRegistered.ClientId,
                ["SELF_CERT_PEM"] = TestCertificates.Pem(selfSigned),
                ["SELF_KEY_PEM"] = selfSigned.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem(),
                ["RS_CLIENT_ID"] = resourceServer.ClientId,
                ["RS_PRIVATE_JWK"] = $$"""{"kty":"EC","crv":"P-256","kid":"rs-1","x":"{{x}}","y":"{{y}}","d":"{{Base64UrlEncoder.Encode(p.D)}}"}""",
                ["SCOPE"] = "penduduk.baca",
                ["RESOURCE"] = gateway.ApiIdentifier("/disdukcapil/kependudukan/v1"),
                ["API_URL"] = gateway.BaseUrl + "/disdukcapil/kependudukan/v1/penduduk/3275010101900001",
            });

            foreach (var (method, certificate) in new[] { ("tls_client_auth", issued), ("self_signed_tls_client_auth", selfSigned) })
            {
                var outcome = result.GetProperty(method);
                Assert.Equal(gateway.BaseUrl + "/oauth2/token", outcome.GetProperty("token_endpoint").GetString());
                Assert.Contains(method, outcome.GetProperty("auth_methods").EnumerateArray().Select(m => m.GetString()));
                Assert.True(outcome.GetProperty("bound_tokens").GetBoolean());
                Assert.Equal("penduduk.baca", outcome.GetProperty("scope").GetString());
                Assert.Equal(CertificateThumbprint.Of(certificate), outcome.GetProperty("cnf").GetString());
                Assert.Equal(200, outcome.GetProperty("api_status").GetInt32());
                Assert.Equal(401, outcome.GetProperty("api_status_without_certificate").GetInt32());
            }
            // Only the calls with the certificate reached the API.
            Assert.Equal(["rsud-simrs", "dinkes-simpus"], upstream.Received.Select(r => r.Headers["X-Spbe-Client-Id"]).ToArray());

            var introspection = result.GetProperty("private_key_jwt_resource_server");
            Assert.Equal(gateway.BaseUrl + "/oauth2/introspect", introspection.GetProperty("introspection_endpoint").GetString());
            Assert.True(introspection.GetProperty("active").GetBoolean());
            Assert.Equal(byCa.ClientId, introspection.GetProperty("client_id").GetString());
            Assert.Equal(CertificateThumbprint.Of(issued), introspection.GetProperty("cnf").GetString());
            Assert.False(introspection.GetProperty("revoked_active").GetBoolean());
        }
        finally
        {
            File.Delete(bundle);
        }
    }
}
