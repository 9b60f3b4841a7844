using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.Authentication;

/// <summary>
/// Every published API requires a valid access token unless public (Pasal 60 ayat (3) huruf d, ayat (5) huruf b),
/// and the caller's subscription and scopes are checked on every call (ayat (3) huruf f). Each refusal is proven by
/// the upstream having received nothing.
/// </summary>
public sealed class AccessTokenEnforcementTests : IAsyncLifetime
{
    private const string Prefix = "/disdukcapil/kependudukan/v1";
    private StubUpstream _upstream = null!;
    private TestGateway _gateway = null!;
    private TestClientCredentials _client = null!;
    private Guid _api;
    private string Audience => _gateway.ApiIdentifier(Prefix);

    public async Task InitializeAsync()
    {
        _upstream = await StubUpstream.StartAsync("kependudukan");
        _gateway = await TestGateway.StartAsync();
        _api = await _gateway.PublishApiAsync("disdukcapil", "kependudukan", "v1", [_upstream.BaseUrl],
            scopes: ["penduduk.baca", "penduduk.ubah"], requiredScopes: ["penduduk.baca"]);
        _client = await _gateway.CreateClientAsync("dinkes", clientId: "dinkes-sikda");
        await _gateway.SubscribeAsync(_client.ClientId, _api);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private async Task<HttpResponseMessage> CallAsync(string? token, Action<HttpRequestMessage>? change = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Prefix + "/penduduk/3275010101900001");
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        change?.Invoke(request);
        return await _gateway.Client.SendAsync(request);
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string? bearerError)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(status, (HttpStatusCode)JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        if (bearerError is not null)
            Assert.Contains($"error=\"{bearerError}\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(0, _upstream.Count);
    }

    [Fact]
    public async Task A_valid_token_passes_and_the_upstream_gets_trusted_caller_headers_but_not_the_token()
    {
        var token = await _gateway.GetTokenAsync(_client);

        var response = await CallAsync(token, r =>
        {
            r.Headers.Add("X-Spbe-Client-Id", "penyamar");
            r.Headers.Add("X-Spbe-Opd", "bapenda");
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(_upstream.Received);
        Assert.Equal("dinkes-sikda", received.Headers["X-Spbe-Client-Id"]);
        Assert.Equal("dinkes", received.Headers["X-Spbe-Opd"]);
        Assert.Equal(new JsonWebToken(token).Id, received.Headers["X-Spbe-Token-Id"]);
        Assert.False(received.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task An_api_configured_to_receive_the_token_gets_it()
    {
        await using var upstream = await StubUpstream.StartAsync("penerima");
        var api = await _gateway.PublishApiAsync("dinkes", "rujukan", "v1", [upstream.BaseUrl], forwardAccessToken: true);
        await _gateway.SubscribeAsync(_client.ClientId, api);
        var token = await _gateway.GetTokenAsync(_client, null, _gateway.ApiIdentifier("/dinkes/rujukan/v1"));
        using var caller = _gateway.CreateClient();
        caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync("/dinkes/rujukan/v1/x")).StatusCode);
        Assert.Equal("Bearer " + token, Assert.Single(upstream.Received).Headers["Authorization"]);
    }

    [Fact]
    public async Task A_public_api_needs_no_token()
    {
        await using var upstream = await StubUpstream.StartAsync("publik");
        await _gateway.PublishApiAsync("dinkes", "jadwal", "v1", [upstream.BaseUrl], isPublic: true);

        Assert.Equal(HttpStatusCode.OK, (await _gateway.Client.GetAsync("/dinkes/jadwal/v1/x")).StatusCode);
        Assert.Equal(1, upstream.Count);
    }

    [Fact]
    public async Task Missing_token_is_401_with_a_bearer_challenge_and_no_error_code()
    {
        var response = await CallAsync(null);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, null);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.DoesNotContain("error=", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Expired_token_is_refused() =>
        await AssertRefusedAsync(await CallAsync(TestTokens.Sign(_gateway, _client.ClientId, Audience, d =>
        {
            d.IssuedAt = d.NotBefore = DateTime.UtcNow.AddMinutes(-10);
            d.Expires = DateTime.UtcNow.AddMinutes(-2); // beyond the 30-second clock skew
        })), HttpStatusCode.Unauthorized, "invalid_token");

    [Fact]
    public async Task Not_yet_valid_token_is_refused() =>
        await AssertRefusedAsync(await CallAsync(TestTokens.Sign(_gateway, _client.ClientId, Audience, d =>
        {
            d.NotBefore = DateTime.UtcNow.AddMinutes(2);
            d.Expires = DateTime.UtcNow.AddMinutes(7);
        })), HttpStatusCode.Unauthorized, "invalid_token");

    [Fact]
    public async Task Token_of_another_issuer_is_refused_even_with_a_good_signature() =>
        await AssertRefusedAsync(await CallAsync(TestTokens.Sign(_gateway, _client.ClientId, Audience, d => d.Issuer = "https://penerbit-lain.example.go.id")),
            HttpStatusCode.Unauthorized, "invalid_token");

    [Fact]
    public async Task Token_for_another_api_is_refused()
    {
        var other = await _gateway.PublishApiAsync("dinkes", "faskes", "v1", ["http://127.0.0.1:9"]);
        await _gateway.SubscribeAsync(_client.ClientId, other);
        var forOther = await _gateway.GetTokenAsync(_client, null, _gateway.ApiIdentifier("/dinkes/faskes/v1"));

        await AssertRefusedAsync(await CallAsync(forOther), HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Unsigned_alg_none_token_is_refused() =>
        await AssertRefusedAsync(await CallAsync(TestTokens.Unsigned(await _gateway.GetTokenAsync(_client))), HttpStatusCode.Unauthorized, "invalid_token");

    [Fact]
    public async Task Hmac_token_keyed_with_the_public_key_is_refused()
    {
        var jwks = JsonDocument.Parse(await _gateway.Client.GetStringAsync("/oauth2/jwks")).RootElement.GetProperty("keys")[0].GetRawText();
        var confused = TestTokens.HmacConfused(await _gateway.GetTokenAsync(_client), jwks);

        await AssertRefusedAsync(await CallAsync(confused), HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Tampered_token_is_refused() =>
        await AssertRefusedAsync(await CallAsync(TestTokens.Tampered(await _gateway.GetTokenAsync(_client))), HttpStatusCode.Unauthorized, "invalid_token");

    [Fact]
    public async Task Token_signed_with_an_unknown_key_is_refused() =>
        await AssertRefusedAsync(await CallAsync(TestTokens.Sign(_gateway, _client.ClientId, Audience, credentials: TestTokens.ForeignKey())),
            HttpStatusCode.Unauthorized, "invalid_token");

    [Fact]
    public async Task Revoked_token_is_refused_within_seconds()
    {
        var token = await _gateway.GetTokenAsync(_client);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(token)).StatusCode); // valid, and now in the validation cache
        _upstream.Clear();

        var revoked = await _gateway.Admin.PostAsJsonAsync("/admin/v1/oauth/revoked-tokens", new { tokenId = new JsonWebToken(token).Id, clientId = _client.ClientId });
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await _gateway.WaitForAccessAsync();

        await AssertRefusedAsync(await CallAsync(token), HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Token_of_a_disabled_client_is_refused_within_seconds()
    {
        var token = await _gateway.GetTokenAsync(_client);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(token)).StatusCode);
        _upstream.Clear();

        var disabled = await _gateway.Admin.PostAsJsonAsync($"/admin/v1/clients/{_client.ClientId}/status", new { status = "Disabled", reason = "Test: the client is disabled" });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        await _gateway.WaitForAccessAsync();

        await AssertRefusedAsync(await CallAsync(token), HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Token_of_a_client_without_an_approved_subscription_is_refused()
    {
        // A valid token for this API, of a client whose subscription is revoked after issue.
        var token = await _gateway.GetTokenAsync(_client);
        var subscription = JsonDocument.Parse(await _gateway.Admin.GetStringAsync($"/admin/v1/subscriptions?clientId={_client.ClientId}")).RootElement[0].GetProperty("id").GetGuid();
        await _gateway.MoveSubscriptionAsync(subscription, "Revoked");
        // And a client that never subscribed, with a token forged by the server's own key.
        var stranger = await _gateway.CreateClientAsync("bapenda");
        await _gateway.WaitForAccessAsync();

        await AssertRefusedAsync(await CallAsync(token), HttpStatusCode.Forbidden, null);
        await AssertRefusedAsync(await CallAsync(TestTokens.Sign(_gateway, stranger.ClientId, Audience)), HttpStatusCode.Forbidden, null);
    }

    [Fact]
    public async Task Token_without_the_required_scope_is_refused_with_insufficient_scope()
    {
        var token = await _gateway.GetTokenAsync(_client, "penduduk.ubah");

        var response = await CallAsync(token);

        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.Contains("scope=\"penduduk.baca\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task An_api_of_exempt_information_refuses_a_token_not_bound_to_a_certificate()
    {
        await using var upstream = await StubUpstream.StartAsync("dikecualikan");
        var api = await _gateway.PublishApiAsync("dinkes", "rekam-medis", "v1", [upstream.BaseUrl], classification: "Exempt");
        await _gateway.SubscribeAsync(_client.ClientId, api);
        using var caller = _gateway.CreateClient();
        caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await _gateway.GetTokenAsync(_client, null, _gateway.ApiIdentifier("/dinkes/rekam-medis/v1")));

        var response = await caller.GetAsync("/dinkes/rekam-medis/v1/pasien/1");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, upstream.Count);
    }
}
