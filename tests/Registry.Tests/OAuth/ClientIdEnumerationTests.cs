using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.OAuth;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.OAuth;

/// <summary>
/// Client ids cannot be enumerated through the token endpoint's timing (Pasal 59 ayat (4) huruf d: guessing needs
/// ids first). Shown through the work done rather than with a clock: every secret check goes through the verifier,
/// and an unknown or disabled client id must cost the same PBKDF2 checks, with the same iteration count, as a known
/// client id with a wrong secret.
/// </summary>
public class ClientIdEnumerationTests
{
    private const int Iterations = 10_000; // TestGateway's OAuth:SecretHashIterations

    /// <summary>The real verifier, counting each check and the iteration count it paid for.</summary>
    private sealed class CountingSecretVerifier : IClientSecretVerifier
    {
        public readonly ConcurrentQueue<int> Checks = new();

        public bool Matches(string secret, string storedHash)
        {
            Checks.Enqueue(int.Parse(storedHash.Split('$')[1]));
            return ClientSecretHasher.Verify(secret, storedHash);
        }

        public int[] Take()
        {
            var taken = new List<int>();
            while (Checks.TryDequeue(out var iterations))
                taken.Add(iterations);
            return [.. taken];
        }
    }

    [Fact]
    public async Task An_unknown_or_disabled_client_id_costs_the_same_secret_check_as_a_known_one_with_a_wrong_secret()
    {
        var verifier = new CountingSecretVerifier();
        await using var gateway = await TestGateway.StartAsync(configure: b => b.Services.AddSingleton<IClientSecretVerifier>(verifier));
        var known = await gateway.CreateClientAsync("bapenda");
        var disabled = await gateway.CreateClientAsync("bappeda");
        var disabling = await gateway.Admin.PostAsJsonAsync($"/admin/v1/clients/{disabled.ClientId}/status", new { status = "Disabled", reason = "Test: the client is disabled" });
        await AdminApiCalls.EnsureSuccessAsync(disabling);
        verifier.Take();

        var knownResponse = await gateway.PostTokenRequestAsync(known with { Secret = "bukan-rahasianya" });
        var knownChecks = verifier.Take();
        var unknownResponse = await gateway.PostTokenRequestAsync(new TestClientCredentials("tidak-terdaftar", "bukan-rahasianya"));
        var unknownChecks = verifier.Take();
        var disabledResponse = await gateway.PostTokenRequestAsync(disabled with { Secret = "bukan-rahasianya" });
        var disabledChecks = verifier.Take();
        var disabledWithRightSecret = await gateway.PostTokenRequestAsync(disabled);
        var disabledRightChecks = verifier.Take();

        Assert.Equal([Iterations], knownChecks);
        Assert.Equal(knownChecks, unknownChecks);
        Assert.Equal(knownChecks, disabledChecks);
        Assert.Equal(knownChecks, disabledRightChecks);
        // And the answers are the same: nothing in them tells the cases apart either.
        var bodies = new List<string>();
        foreach (var response in new[] { knownResponse, unknownResponse, disabledResponse, disabledWithRightSecret })
        {
            await TokenEndpointTests.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
            bodies.Add(await response.Content.ReadAsStringAsync());
        }
        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task The_secret_of_client_secret_post_is_checked_for_an_unknown_client_id_too()
    {
        var verifier = new CountingSecretVerifier();
        await using var gateway = await TestGateway.StartAsync(configure: b => b.Services.AddSingleton<IClientSecretVerifier>(verifier));

        var response = await gateway.Client.PostAsync(OAuthEndpoints.TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "tidak-terdaftar",
            ["client_secret"] = "bukan-rahasianya",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal([Iterations], verifier.Take());
    }
}
