using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.AdminApi;

public class AdminApiTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token-wrong-token-wrong")]
    public async Task The_admin_api_refuses_callers_without_the_administrator_token(string? token)
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient();
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var list = await client.GetAsync("/admin/v1/opds");
        var create = await client.PostAsJsonAsync("/admin/v1/opds", new { code = "penyusup", name = "Penyusup" });

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Admin.GetAsync("/admin/v1/opds/penyusup")).StatusCode);
    }

    [Fact]
    public async Task A_plain_http_upstream_is_refused_at_registration_unless_allowed_for_the_api()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.EnsureOpdAsync("dinkes");

        var refused = await gateway.Admin.PostAsJsonAsync("/admin/v1/apis", new
        {
            opdCode = "dinkes", name = "Faskes", slug = "faskes", version = "v1", upstreamUrls = new[] { "http://10.1.2.3:8080/api" },
            allowInsecureUpstream = false, classification = "Restricted",
        });
        var allowed = await gateway.Admin.PostAsJsonAsync("/admin/v1/apis", new
        {
            opdCode = "dinkes", name = "Faskes", slug = "faskes", version = "v1", upstreamUrls = new[] { "http://127.0.0.1:8080/api" },
            allowInsecureUpstream = true, classification = "Restricted",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("plain HTTP", errors.GetProperty("upstreamUrls[0]")[0].GetString());
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
    }

    [Fact]
    public async Task Invalid_input_is_answered_with_every_failing_field_and_nothing_is_stored()
    {
        await using var gateway = await TestGateway.StartAsync();

        var response = await gateway.Admin.PostAsJsonAsync("/admin/v1/apis", new
        {
            opdCode = "tidak-ada", name = "", slug = "Bad Slug", version = "v 1", upstreamUrls = Array.Empty<string>(), classification = "Public",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        foreach (var field in new[] { "opdCode", "name", "slug", "version", "upstreamUrls" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        Assert.Empty((await gateway.Admin.GetFromJsonAsync<JsonElement[]>("/admin/v1/apis"))!);
    }

    [Fact]
    public async Task Duplicates_and_disallowed_lifecycle_moves_are_conflicts()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.EnsureOpdAsync("dinkes");
        var body = new { opdCode = "dinkes", name = "Faskes", slug = "faskes", version = "v1", upstreamUrls = new[] { "https://faskes.example.go.id" }, classification = "Public" };
        var first = await gateway.Admin.PostAsJsonAsync("/admin/v1/apis", body);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var duplicate = await gateway.Admin.PostAsJsonAsync("/admin/v1/apis", body);
        var publishDraft = await gateway.Admin.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Published" });
        var duplicateOpd = await gateway.Admin.PostAsJsonAsync("/admin/v1/opds", new { code = "dinkes", name = "Lagi" });
        var reservedOpd = await gateway.Admin.PostAsJsonAsync("/admin/v1/opds", new { code = "admin", name = "Admin" });

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, publishDraft.StatusCode);
        Assert.Contains("submit it", await publishDraft.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, duplicateOpd.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reservedOpd.StatusCode);
    }

    [Fact]
    public async Task A_change_the_store_refuses_is_a_conflict_whose_message_tells_nothing_of_the_store()
    {
        await using var gateway = await TestGateway.StartAsync();
        // The store refuses one insert, with a message naming its internals, as a constraint would in a write race.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(gateway.DataDirectory, "registry.db")}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER refuse_bocor BEFORE INSERT ON opds WHEN NEW.Code = 'bocor' BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: opds.Code (internal-schema-detail)'); END;";
            await command.ExecuteNonQueryAsync();
        }

        var refused = await gateway.Admin.PostAsJsonAsync("/admin/v1/opds", new { code = "bocor", name = "Bocor" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var text = await refused.Content.ReadAsStringAsync();
        Assert.Contains("try again", text);
        Assert.DoesNotContain("internal-schema-detail", text);
        Assert.DoesNotContain("opds", text);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Admin.GetAsync("/admin/v1/opds/bocor")).StatusCode);
    }
}
