using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.OAuth;

/// <summary>The token endpoint: client credentials (RFC 6749 section 4.4), RFC 9068 tokens, RFC 6749 section 5.2 errors.</summary>
public class TokenEndpointTests
{
    private static async Task<(TestGateway Gateway, TestClientCredentials Client, Guid Api)> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var gateway = await TestGateway.StartAsync(settings);
        var api = await gateway.PublishApiAsync("disdukcapil", "kependudukan", "v1", ["http://127.0.0.1:9"], scopes: ["penduduk.baca", "penduduk.ubah"]);
        var client = await gateway.CreateClientAsync("dinkes");
        await gateway.SubscribeAsync(client.ClientId, api);
        return (gateway, client, api);
    }

    [Fact]
    public async Task Every_issued_token_and_every_refused_token_request_is_in_the_audit_log()
    {
        var (gateway, client, _) = await StartAsync();
        await using var _g = gateway;

        var issued = await gateway.GetTokenAsync(client);
        var refused = await gateway.PostTokenRequestAsync(client with { Secret = "not-the-secret" });

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        // The test's own management client (spbe-mgmt-..., which set up the API through the admin API) aside.
        var records = new AuditLogReader(gateway.DataDirectory).All("type = 'token'").Select(r => r.Json)
            .Where(r => !(r.TryGetProperty("clientId", out var id) && id.GetString()!.StartsWith("spbe-mgmt-", StringComparison.Ordinal))).ToArray();
        var success = Assert.Single(records, r => r.GetProperty("outcome").GetString() == "succeeded");
        // The token's id ties every later exchange made with it to this issuance.
        Assert.Equal(new JsonWebToken(issued).Id, success.GetProperty("details").GetProperty("tokenId").GetString());
        Assert.Equal(client.ClientId, success.GetProperty("clientId").GetString());
        Assert.Equal("client_secret_basic", success.GetProperty("details").GetProperty("authMethod").GetString());
        var failure = Assert.Single(records, r => r.GetProperty("outcome").GetString() == "refused");
        Assert.Equal(401, failure.GetProperty("status").GetInt32());
        Assert.DoesNotContain("not-the-secret", string.Join('\n', records.Select(r => r.GetRawText())));
    }

    [Fact]
    public async Task Client_secret_basic_gets_an_rfc9068_access_token_signed_es256_with_a_published_key()
    {
        var (gateway, client, _) = await StartAsync();
        await using var _g = gateway;

        var response = await gateway.PostTokenRequestAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(300, body.GetProperty("expires_in").GetInt32());
        Assert.Equal("penduduk.baca penduduk.ubah", body.GetProperty("scope").GetString());

        var token = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal("at+jwt", token.Typ);
        Assert.Equal("ES256", token.Alg);
        Assert.Equal(gateway.BaseUrl, token.Issuer);
        Assert.Equal(client.ClientId, token.Subject);
        Assert.Equal(client.ClientId, token.GetClaim("client_id").Value);
        Assert.Equal([gateway.ApiIdentifier("/disdukcapil/kependudukan/v1")], token.Audiences);
        Assert.Equal("penduduk.baca penduduk.ubah", token.GetClaim("scope").Value);
        Assert.False(string.IsNullOrEmpty(token.Id));
        Assert.Equal(TimeSpan.FromMinutes(5), token.ValidTo - token.IssuedAt);

        // Verified independently against the published JWKS.
        var jwks = new JsonWebKeySet(await gateway.Client.GetStringAsync("/oauth2/jwks"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token.EncodedToken, new TokenValidationParameters
        {
            ValidIssuer = gateway.BaseUrl,
            ValidAudience = gateway.ApiIdentifier("/disdukcapil/kependudukan/v1"),
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidTypes = ["at+jwt"],
        });
        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public async Task Client_secret_post_works_and_two_methods_at_once_are_refused()
    {
        var (gateway, client, _) = await StartAsync();
        await using var _g = gateway;

        var post = await gateway.Client.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = client.ClientId, ["client_secret"] = client.Secret,
        }));
        using var both = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = client.ClientId, ["client_secret"] = client.Secret,
            }),
        };
        both.Headers.Authorization = new AuthenticationHeaderValue("Basic", TestGateway.BasicCredentials(client.ClientId, client.Secret));

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        await AssertErrorAsync(await gateway.Client.SendAsync(both), HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task A_wrong_secret_an_unknown_client_and_no_credentials_are_invalid_client_401_with_a_basic_challenge()
    {
        var (gateway, client, _) = await StartAsync();
        await using var _g = gateway;

        var wrong = await gateway.PostTokenRequestAsync(client with { Secret = client.Secret[..^2] + "xx" });
        var unknown = await gateway.PostTokenRequestAsync(client with { ClientId = "tidak-terdaftar" });
        var none = await gateway.Client.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));

        foreach (var response in new[] { wrong, unknown, none })
        {
            await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
            Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Fact]
    public async Task Grant_type_and_body_format_errors_follow_rfc6749()
    {
        var (gateway, client, _) = await StartAsync();
        await using var _g = gateway;
        using var json = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token") { Content = new StringContent("{\"grant_type\":\"client_credentials\"}", System.Text.Encoding.UTF8, "application/json") };
        json.Headers.Authorization = new AuthenticationHeaderValue("Basic", TestGateway.BasicCredentials(client.ClientId, client.Secret));
        using var password = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = "a", ["password"] = "b" }) };
        password.Headers.Authorization = new AuthenticationHeaderValue("Basic", TestGateway.BasicCredentials(client.ClientId, client.Secret));
        using var twice = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token") { Content = new StringContent("grant_type=client_credentials&scope=a&scope=b", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
        twice.Headers.Authorization = new AuthenticationHeaderValue("Basic", TestGateway.BasicCredentials(client.ClientId, client.Secret));

        await AssertErrorAsync(await gateway.Client.SendAsync(json), HttpStatusCode.BadRequest, "invalid_request");
        await AssertErrorAsync(await gateway.Client.SendAsync(password), HttpStatusCode.BadRequest, "unsupported_grant_type");
        await AssertErrorAsync(await gateway.Client.SendAsync(twice), HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Scope_and_resource_narrow_the_token_to_approved_subscriptions_only()
    {
        var (gateway, client, _) = await StartAsync();
        await using var _g = gateway;
        var other = await gateway.PublishApiAsync("dinkes", "faskes", "v1", ["http://127.0.0.1:9"], scopes: ["faskes.baca"]);
        var pending = await gateway.PublishApiAsync("bapenda", "pajak", "v1", ["http://127.0.0.1:9"]);
        await gateway.SubscribeAsync(client.ClientId, other);
        await gateway.SubscribeAsync(client.ClientId, pending, approve: false);
        var kependudukan = gateway.ApiIdentifier("/disdukcapil/kependudukan/v1");

        var narrowed = new JsonWebToken(await gateway.GetTokenAsync(client, "penduduk.baca", kependudukan));
        var byScope = new JsonWebToken(await gateway.GetTokenAsync(client, "faskes.baca"));
        var all = new JsonWebToken(await gateway.GetTokenAsync(client));

        Assert.Equal([kependudukan], narrowed.Audiences);
        Assert.Equal("penduduk.baca", narrowed.GetClaim("scope").Value);
        Assert.Equal([gateway.ApiIdentifier("/dinkes/faskes/v1")], byScope.Audiences);
        Assert.Equal(2, all.Audiences.Count()); // never the API whose subscription is still a request
        await AssertErrorAsync(await gateway.PostTokenRequestAsync(client, "penduduk.hapus"), HttpStatusCode.BadRequest, "invalid_scope");
        await AssertErrorAsync(await gateway.PostTokenRequestAsync(client, null, gateway.ApiIdentifier("/bapenda/pajak/v1")), HttpStatusCode.BadRequest, "invalid_target");
        await AssertErrorAsync(await gateway.PostTokenRequestAsync(client, "faskes.baca", kependudukan), HttpStatusCode.BadRequest, "invalid_scope");
    }

    [Fact]
    public async Task A_disabled_client_gets_no_token()
    {
        var (gateway, client, _) = await StartAsync();
        await using var _g = gateway;
        var disabled = await gateway.Admin.PostAsync($"/admin/v1/clients/{client.ClientId}/status", System.Net.Http.Json.JsonContent.Create(new { status = "Disabled", reason = "Test: the client is disabled" }));
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        await AssertErrorAsync(await gateway.PostTokenRequestAsync(client), HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task The_metadata_names_the_endpoints_and_the_jwks_holds_public_keys_only_while_private_keys_are_encrypted_at_rest()
    {
        var (gateway, _, _) = await StartAsync();
        await using var _g = gateway;

        var metadata = JsonDocument.Parse(await gateway.Client.GetStringAsync("/.well-known/oauth-authorization-server")).RootElement;
        Assert.Equal(gateway.BaseUrl, metadata.GetProperty("issuer").GetString());
        Assert.Equal(gateway.BaseUrl + "/oauth2/token", metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal(gateway.BaseUrl + "/oauth2/jwks", metadata.GetProperty("jwks_uri").GetString());
        Assert.Contains("client_credentials", metadata.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));

        var jwks = await gateway.Client.GetStringAsync("/oauth2/jwks");
        var key = JsonDocument.Parse(jwks).RootElement.GetProperty("keys")[0];
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.False(key.TryGetProperty("d", out _));

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(gateway.DataDirectory, "registry.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ProtectedPrivateKey FROM signing_keys";
        var stored = Convert.FromBase64String((string)(await command.ExecuteScalarAsync())!);
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() => System.Security.Cryptography.ECDsa.Create().ImportPkcs8PrivateKey(stored, out _));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(gateway.DataDirectory, "dataprotection-keys")));
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("PS256")]
    public async Task Rsa_algorithms_are_available_by_configuration(string algorithm)
    {
        var (gateway, client, _) = await StartAsync(new Dictionary<string, string?> { ["OAuth:SigningAlgorithm"] = algorithm });
        await using var _g = gateway;

        var token = new JsonWebToken(await gateway.GetTokenAsync(client));

        Assert.Equal(algorithm, token.Alg);
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("none")]
    public async Task Hmac_and_none_cannot_be_configured(string algorithm)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => TestGateway.StartAsync(new Dictionary<string, string?> { ["OAuth:SigningAlgorithm"] = algorithm }));
        Assert.Contains("SigningAlgorithm", failure.Message);
    }

    internal static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(error, json.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("error_description").GetString()));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }
}
