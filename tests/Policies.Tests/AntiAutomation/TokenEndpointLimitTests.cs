using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.OAuth;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.AntiAutomation;

/// <summary>
/// The token endpoint's per-source limit runs before client authentication (Pasal 59 ayat (4) huruf d, ayat (13)
/// huruf d): the request over the limit is refused with 429 and no secret is checked for it.
/// </summary>
public class TokenEndpointLimitTests
{
    [Fact]
    public async Task The_n_plus_first_token_request_from_one_source_is_refused_before_client_authentication_runs()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["AntiAutomation:TokenEndpointPerIpLimit"] = "3",
            ["AntiAutomation:TokenEndpointPerIpWindow"] = "01:00:00",
            // The fourth failed authentication of this client from this source would block that source for it: if
            // authentication ran for the refused request, the source would be blocked afterwards.
            ["OAuth:MaxFailedAuthenticationsPerClientAndAddress"] = "4",
        });
        var client = await SubscribedClientAsync(gateway);
        var wrong = new TestClientCredentials(client.ClientId, "not-the-secret");

        using var source = gateway.CreateClientFrom("127.0.0.21");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await PostTokenAsync(source, wrong)).StatusCode);
        var refused = await PostTokenAsync(source, wrong);
        using var otherSource = gateway.CreateClientFrom("127.0.0.22");
        var fromElsewhere = await PostTokenAsync(otherSource, client);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("\"token-per-ip\";q=3;w=3600", refused.Headers.GetValues("RateLimit-Policy").Single());
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) is > 0 and <= 3600);
        Assert.Null(gateway.Services.GetRequiredService<ClientAuthenticationThrottle>().Blocked(client.ClientId, System.Net.IPAddress.Parse("127.0.0.21")));
        Assert.Equal(HttpStatusCode.OK, fromElsewhere.StatusCode);
    }

    [Fact]
    public async Task Token_requests_do_not_use_the_budget_of_proxied_requests()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["AntiAutomation:PerIpLimit"] = "2",
            ["AntiAutomation:PerIpWindow"] = "01:00:00",
            // 3: one is the test gateway's own management client getting its token from the same address.
            ["AntiAutomation:TokenEndpointPerIpLimit"] = "3",
            ["AntiAutomation:TokenEndpointPerIpWindow"] = "01:00:00",
        });
        await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        var client = await SubscribedClientAsync(gateway);

        var tokens = new[] { await PostTokenAsync(gateway.Client, client), await PostTokenAsync(gateway.Client, client) };
        var proxied = new[] { await gateway.Client.GetAsync("/dinkes/faskes/v1/x"), await gateway.Client.GetAsync("/dinkes/faskes/v1/x") };

        Assert.All(tokens, t => Assert.Equal(HttpStatusCode.OK, t.StatusCode));
        Assert.All(proxied, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostTokenAsync(gateway.Client, client)).StatusCode);
    }

    /// <summary>A client application with an approved subscription, so that the token endpoint has a token to give it.</summary>
    private static async Task<TestClientCredentials> SubscribedClientAsync(TestGateway gateway)
    {
        var apiId = await gateway.PublishApiAsync("bapenda", "pajak", "v1", [StubUpstream.DeadUrl()]);
        var client = await gateway.CreateClientAsync("pemanggil");
        await gateway.SubscribeAsync(client.ClientId, apiId);
        return client;
    }

    private static Task<HttpResponseMessage> PostTokenAsync(HttpClient http, TestClientCredentials client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, OAuthEndpoints.TokenPath)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(client.ClientId)}:{Uri.EscapeDataString(client.Secret)}")));
        return http.SendAsync(request);
    }
}
