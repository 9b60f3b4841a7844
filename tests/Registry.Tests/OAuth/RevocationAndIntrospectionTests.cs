using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.OAuth;

/// <summary>Token revocation (RFC 7009), introspection (RFC 7662), and brute-force protection of client authentication.</summary>
public class RevocationAndIntrospectionTests
{
    private static async Task<HttpResponseMessage> PostAsync(TestGateway gateway, string path, TestClientCredentials client, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", TestGateway.BasicCredentials(client.ClientId, client.Secret));
        return await gateway.Client.SendAsync(request);
    }

    private static async Task<JsonElement> IntrospectAsync(TestGateway gateway, TestClientCredentials server, string token)
    {
        var response = await PostAsync(gateway, "/oauth2/introspect", server, new() { ["token"] = token });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task A_client_revokes_its_own_token_and_the_gateway_refuses_it_while_introspection_turns_inactive()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        var api = await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl], scopes: ["faskes.baca"]);
        var client = await gateway.CreateClientAsync("bapenda");
        var other = await gateway.CreateClientAsync("bappeda");
        var resourceServer = await gateway.CreateClientAsync("dinkes", mayIntrospect: true);
        await gateway.SubscribeAsync(client.ClientId, api);
        var token = await gateway.GetTokenAsync(client);

        var active = await IntrospectAsync(gateway, resourceServer, token);
        Assert.True(active.GetProperty("active").GetBoolean());
        Assert.Equal(client.ClientId, active.GetProperty("client_id").GetString());
        Assert.Equal("faskes.baca", active.GetProperty("scope").GetString());
        Assert.Equal(gateway.ApiIdentifier("/dinkes/faskes/v1"), active.GetProperty("aud")[0].GetString());

        // Another client may not revoke it; garbage is answered 200 as RFC 7009 section 2.2 says.
        var byOther = await PostAsync(gateway, "/oauth2/revoke", other, new() { ["token"] = token });
        await TokenEndpointTests.AssertErrorAsync(byOther, HttpStatusCode.BadRequest, "unauthorized_client");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(gateway, "/oauth2/revoke", client, new() { ["token"] = "bukan.token.sah" })).StatusCode);
        using var caller = gateway.CreateClient();
        caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync("/dinkes/faskes/v1/x")).StatusCode);
        upstream.Clear();

        var revoked = await PostAsync(gateway, "/oauth2/revoke", client, new() { ["token"] = token, ["token_type_hint"] = "access_token" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await gateway.WaitForAccessAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await caller.GetAsync("/dinkes/faskes/v1/x")).StatusCode);
        Assert.Equal(0, upstream.Count);
        var inactive = await IntrospectAsync(gateway, resourceServer, token);
        Assert.False(inactive.GetProperty("active").GetBoolean());
        Assert.Single(inactive.EnumerateObject()); // nothing more than "active": false
    }

    [Fact]
    public async Task Only_authorized_resource_servers_may_introspect()
    {
        await using var gateway = await TestGateway.StartAsync();
        var client = await gateway.CreateClientAsync("bapenda");

        var response = await PostAsync(gateway, "/oauth2/introspect", client, new() { ["token"] = "apa.saja.boleh" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("unauthorized_client", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_address_that_guesses_across_many_clients_is_blocked()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["OAuth:MaxFailedAuthenticationsPerAddress"] = "5" });
        var client = await gateway.CreateClientAsync("bapenda");

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.PostTokenRequestAsync(new TestClientCredentials("tebak-" + i, "rahasia"))).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await gateway.PostTokenRequestAsync(client)).StatusCode);
    }
}
