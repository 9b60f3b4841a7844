using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.OAuth;

/// <summary>
/// Signing-key rotation (Pasal 59 ayat (8) huruf c): a new key is published before it signs; tokens of the old key
/// stay valid until they expire while new tokens use the new key.
/// </summary>
public class KeyRotationTests
{
    private static async Task<HttpStatusCode> CallAsync(TestGateway gateway, string token)
    {
        using var caller = gateway.CreateClient();
        caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await caller.GetAsync("/dinkes/faskes/v1/x")).StatusCode;
    }

    private static async Task<string[]> PublishedKeyIdsAsync(TestGateway gateway) =>
        JsonDocument.Parse(await gateway.Client.GetStringAsync("/oauth2/jwks")).RootElement.GetProperty("keys")
            .EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();

    [Fact]
    public async Task On_demand_rotation_publishes_first_signs_later_and_old_tokens_stay_valid()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["OAuth:SigningKeyPublicationLead"] = "00:00:02" });
        var api = await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        var client = await gateway.CreateClientAsync("bapenda");
        await gateway.SubscribeAsync(client.ClientId, api);
        var before = await gateway.GetTokenAsync(client);
        var oldKey = new JsonWebToken(before).Kid;

        var rotated = await gateway.Admin.PostAsync("/admin/v1/oauth/signing-keys/rotate", null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newKey = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement.GetProperty("keyId").GetString();

        // Published at once, before it signs anything.
        Assert.Equal((string?[])[oldKey, newKey], await PublishedKeyIdsAsync(gateway));
        Assert.Equal(oldKey, new JsonWebToken(await gateway.GetTokenAsync(client)).Kid);

        string after = "";
        await TestGateway.EventuallyAsync(async () => new JsonWebToken(after = await gateway.GetTokenAsync(client)).Kid == newKey,
            TimeSpan.FromSeconds(10), "the new key signs once its publication lead has passed");

        Assert.Equal(HttpStatusCode.OK, await CallAsync(gateway, before));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(gateway, after));
        Assert.Contains(oldKey, await PublishedKeyIdsAsync(gateway));
        var keys = JsonDocument.Parse(await gateway.Admin.GetStringAsync("/admin/v1/oauth/signing-keys")).RootElement;
        var old = keys.EnumerateArray().Single(k => k.GetProperty("keyId").GetString() == oldKey);
        // Trusted until every token it signed has expired (5-minute tokens).
        Assert.True(old.GetProperty("expiresAt").GetDateTimeOffset() >= old.GetProperty("retiresAt").GetDateTimeOffset().AddMinutes(5));
    }

    [Fact]
    public async Task Keys_rotate_on_schedule()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["OAuth:SigningKeyLifetime"] = "00:00:05",
            ["OAuth:SigningKeyPublicationLead"] = "00:00:01",
            ["OAuth:KeyCheckInterval"] = "00:00:00.200",
        });
        var first = await PublishedKeyIdsAsync(gateway);

        await TestGateway.EventuallyAsync(async () => (await PublishedKeyIdsAsync(gateway)).Length > first.Length,
            TimeSpan.FromSeconds(15), "a successor key is published on schedule");
        Assert.Equal(first[0], (await PublishedKeyIdsAsync(gateway))[0]); // the old key stays published
    }
}
