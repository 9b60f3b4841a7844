using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.Catalog;

/// <summary>Client applications, their secrets and subscriptions through the admin API (Pasal 60 ayat (3) huruf d, f).</summary>
public class ClientRegistryTests
{
    [Fact]
    public async Task A_client_secret_is_shown_once_and_stored_only_as_a_salted_slow_hash()
    {
        await using var gateway = await TestGateway.StartAsync();
        var client = await gateway.CreateClientAsync("dinkes");

        var read = await gateway.Admin.GetStringAsync($"/admin/v1/clients/{client.ClientId}");
        Assert.DoesNotContain(client.Secret, read);
        var secrets = JsonDocument.Parse(read).RootElement.GetProperty("secrets");
        Assert.Equal(1, secrets.GetArrayLength());
        Assert.Equal("…" + client.Secret[^4..], secrets[0].GetProperty("hint").GetString());

        var stored = await QueryAsync(gateway, "SELECT Hash FROM client_secrets");
        Assert.DoesNotContain(client.Secret, stored);
        var parts = stored.Split('$');
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length); // a salt of its own
    }

    [Fact]
    public async Task Rotating_a_secret_keeps_the_old_one_for_the_overlap_only()
    {
        await using var gateway = await TestGateway.StartAsync();
        var client = await gateway.CreateClientAsync("dinkes");

        var rotated = await gateway.Admin.PostAsJsonAsync($"/admin/v1/clients/{client.ClientId}/secrets", new { overlap = "02:00:00" });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal("no-store", rotated.Headers.CacheControl?.ToString());
        var fresh = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement.GetProperty("clientSecret").GetString();
        Assert.NotEqual(client.Secret, fresh);

        var secrets = JsonDocument.Parse(await gateway.Admin.GetStringAsync($"/admin/v1/clients/{client.ClientId}")).RootElement.GetProperty("secrets");
        Assert.Equal(2, secrets.GetArrayLength());
        var oldEnds = secrets[0].GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(oldEnds - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(110), TimeSpan.FromMinutes(121));
        Assert.Equal(JsonValueKind.Null, secrets[1].GetProperty("expiresAt").ValueKind);
    }

    [Fact]
    public async Task A_subscription_moves_only_through_its_lifecycle()
    {
        await using var gateway = await TestGateway.StartAsync();
        var api = await gateway.PublishApiAsync("disdukcapil", "kependudukan", "v1", ["http://127.0.0.1:9"], scopes: ["penduduk.baca"]);
        var client = await gateway.CreateClientAsync("dinkes");

        var purpose = "Verifikasi data pasien";
        var requested = await gateway.Admin.PostAsJsonAsync("/admin/v1/subscriptions", new { clientId = client.ClientId, apiId = api, purpose });
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        var id = JsonDocument.Parse(await requested.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var twice = await gateway.Admin.PostAsJsonAsync("/admin/v1/subscriptions", new { clientId = client.ClientId, apiId = api, purpose });
        var unknownScope = await gateway.Admin.PostAsJsonAsync("/admin/v1/subscriptions", new { clientId = client.ClientId, apiId = api, scopes = new[] { "admin" }, purpose });
        var revokeBeforeApproval = await gateway.Admin.PostAsJsonAsync($"/admin/v1/subscriptions/{id}/status", new { status = "Revoked", reason = "Uji" });
        await gateway.Approvals.ApproveSubscriptionAsync(id);
        var approved = await gateway.Admin.GetAsync($"/admin/v1/subscriptions/{id}");

        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownScope.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, revokeBeforeApproval.StatusCode);
        Assert.Equal("Approved", JsonDocument.Parse(await approved.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_api_is_not_public_unless_marked_so()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.EnsureOpdAsync("dinkes");

        var created = await gateway.Admin.PostAsJsonAsync("/admin/v1/apis", new
        {
            opdCode = "dinkes", name = "Faskes", slug = "faskes", version = "v1", upstreamUrls = new[] { "https://faskes.example.go.id" }, classification = "Restricted",
        });

        var api = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.False(api.GetProperty("isPublic").GetBoolean());
        Assert.False(api.GetProperty("forwardAccessToken").GetBoolean());
    }

    private static async Task<string> QueryAsync(TestGateway gateway, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(gateway.DataDirectory, "registry.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
