using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.OAuth;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.OAuth;

/// <summary>
/// Brute-force protection of client authentication (Pasal 59 ayat (4) huruf d; ayat (13) huruf d) refuses the source
/// that guesses, never the client whose id it knows: a client id is no secret, so a limit per client id alone would
/// let anyone lock any application out.
/// </summary>
public class ClientAuthenticationThrottleTests
{
    [Fact]
    public async Task A_source_guessing_a_clients_secret_is_refused_while_the_client_keeps_getting_tokens_from_its_own_source()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["OAuth:MaxFailedAuthenticationsPerClientAndAddress"] = "3" });
        var api = await gateway.PublishApiAsync("dinkes", "faskes", "v1", [StubUpstream.DeadUrl()]);
        var client = await gateway.CreateClientAsync("bapenda");
        await gateway.SubscribeAsync(client.ClientId, api);
        using var attacker = gateway.CreateClientFrom("127.0.0.31");
        using var legitimate = gateway.CreateClientFrom("127.0.0.32");

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            guesses.Add((await PostTokenAsync(attacker, client with { Secret = "tebakan-" + i })).StatusCode);
        // Even the right secret from the guessing source is refused unchecked: otherwise the limit would be an oracle.
        var attackerWithRightSecret = await PostTokenAsync(attacker, client);
        var fromOwnSource = await PostTokenAsync(legitimate, client);
        var attackerAgain = await PostTokenAsync(attacker, client with { Secret = "tebakan-lagi" });

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], guesses);
        await TokenEndpointTests.AssertErrorAsync(attackerWithRightSecret, HttpStatusCode.TooManyRequests, "invalid_client");
        Assert.True(attackerWithRightSecret.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, fromOwnSource.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, attackerAgain.StatusCode);
    }

    [Fact]
    public async Task A_source_blocked_for_one_client_may_still_authenticate_another_client()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["OAuth:MaxFailedAuthenticationsPerClientAndAddress"] = "2" });
        var api = await gateway.PublishApiAsync("dinkes", "faskes", "v1", [StubUpstream.DeadUrl()]);
        var mistyped = await gateway.CreateClientAsync("bapenda");
        var other = await gateway.CreateClientAsync("bappeda");
        await gateway.SubscribeAsync(other.ClientId, api);
        using var source = gateway.CreateClientFrom("127.0.0.33");

        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostTokenAsync(source, mistyped with { Secret = "salah-" + i })).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostTokenAsync(source, mistyped)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostTokenAsync(source, other)).StatusCode);
    }

    [Fact]
    public void Ipv6_sources_count_per_64_network_so_rotating_addresses_within_one_line_gains_no_fresh_attempts()
    {
        var options = Options.Create(new OAuthServerOptions { MaxFailedAuthenticationsPerAddress = 3, MaxFailedAuthenticationsPerClientAndAddress = 2 });
        var throttle = new ClientAuthenticationThrottle(options, TimeProvider.System, NullLogger<ClientAuthenticationThrottle>.Instance);

        throttle.RecordFailure("simrs", IPAddress.Parse("2001:db8:1:2::a"));
        throttle.RecordFailure("simrs", IPAddress.Parse("2001:db8:1:2::b"));
        throttle.RecordFailure("sikda", IPAddress.Parse("2001:db8:1:2:ffff::c"));

        Assert.NotNull(throttle.Blocked("simrs", IPAddress.Parse("2001:db8:1:2::d")));
        Assert.NotNull(throttle.Blocked("lain", IPAddress.Parse("2001:db8:1:2:1:2:3:4")));
        Assert.Null(throttle.Blocked("simrs", IPAddress.Parse("2001:db8:1:3::a"))); // the next /64 is another line
        // An IPv4 client seen through a dual-stack socket counts as itself.
        throttle.RecordFailure("simrs", IPAddress.Parse("::ffff:192.0.2.7"));
        throttle.RecordFailure("simrs", IPAddress.Parse("192.0.2.7"));
        Assert.NotNull(throttle.Blocked("simrs", IPAddress.Parse("192.0.2.7")));
        Assert.Null(throttle.Blocked("simrs", IPAddress.Parse("192.0.2.8")));
    }

    private static Task<HttpResponseMessage> PostTokenAsync(HttpClient http, TestClientCredentials client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, OAuthEndpoints.TokenPath)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", TestGateway.BasicCredentials(client.ClientId, client.Secret));
        return http.SendAsync(request);
    }
}
