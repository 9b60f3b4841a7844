using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SpbeConnector.Registry.Storage;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.Catalog;

/// <summary>
/// Existing data migrated honestly (issue 18): a store of today's schema (up to the ApiCors migration) holding APIs
/// that break the new rules is opened by this version; they keep serving on their routes, are listed for the security
/// reviewers, accept no change that leaves them broken, and a public Exempt API requires a certificate-bound token.
/// </summary>
public sealed class StoredRuleViolationTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "spbe-rules-" + Guid.NewGuid().ToString("N"));
    private StubUpstream _upstream = null!;
    private TestGateway _gateway = null!;
    private readonly Guid _exempt = Guid.NewGuid();
    private readonly Guid _restricted = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        _upstream = await StubUpstream.StartAsync("lama");
        Directory.CreateDirectory(_data);
        var file = Path.Combine(_data, "registry.db");
        var options = new DbContextOptionsBuilder<RegistryDbContext>().UseSqlite($"Data Source={file}").Options;
        await using (var db = new RegistryDbContext(options))
            await db.GetService<IMigrator>().MigrateAsync("ApiCors");
        var opd = Guid.NewGuid().ToString().ToUpperInvariant();
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText =
                $"INSERT INTO opds (Id, Code, Name, TenantDomain, CreatedAt, UpdatedAt) VALUES ('{opd}', 'dinkes', 'Dinas Kesehatan', NULL, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00');" +
                Insert(_exempt, opd, "rekam-medis", "Exempt") + Insert(_restricted, opd, "jadwal", "Restricted");
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        _gateway = await TestGateway.StartAsync(dataDirectory: _data);
        await _gateway.WaitForRoutesAsync();
    }

    /// <summary>A published public API stored as the last release did: no document, no waiver.</summary>
    private string Insert(Guid id, string opd, string slug, string classification) =>
        "INSERT INTO apis (Id, OpdId, Name, Slug, Version, Description, UpstreamUrls, AllowInsecureUpstream, OpenApiDocument, Classification, IsPublic, Status, CreatedAt, UpdatedAt) " +
        $"VALUES ('{id.ToString().ToUpperInvariant()}', '{opd}', '{slug}', '{slug}', 'v1', NULL, '[\"{_upstream.BaseUrl}\"]', 1, NULL, '{classification}', 1, 'Published', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00');";

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
            Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task A_stored_api_that_breaks_a_rule_keeps_serving_is_listed_and_accepts_no_change_until_fixed()
    {
        using var anyone = _gateway.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync("/dinkes/jadwal/v1/hari-ini")).StatusCode);
        Assert.Equal(1, _upstream.Count);

        var listed = await _gateway.Admin.GetFromJsonAsync<JsonElement>("/admin/v1/apis/rule-violations");
        var missing = listed.EnumerateArray().ToDictionary(v => v.GetProperty("id").GetGuid(), v => v.GetProperty("missing"));
        Assert.True(missing[_restricted].TryGetProperty("openApiDocument", out _));
        Assert.True(missing[_exempt].TryGetProperty("isPublic", out _));
        Assert.True(missing[_exempt].TryGetProperty("openApiDocument", out _));

        var change = await _gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{_restricted}/cors", new { allowedOrigins = new[] { "https://dinkes.bekasikota.go.id" } });
        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Contains("openApiDocument", await change.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_stored_public_exempt_api_requires_a_certificate_bound_token_from_the_migration_on()
    {
        using var anonymous = _gateway.CreateClient();
        var withoutToken = await anonymous.GetAsync("/dinkes/rekam-medis/v1/pasien/1");
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal("application/problem+json", withoutToken.Content.Headers.ContentType?.MediaType);

        var client = await _gateway.CreateClientAsync("puskesmas");
        await _gateway.SubscribeAsync(client.ClientId, _exempt);
        using var unbound = _gateway.CreateClient();
        unbound.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await _gateway.GetTokenAsync(client, null, _gateway.ApiIdentifier("/dinkes/rekam-medis/v1")));
        var withUnboundToken = await unbound.GetAsync("/dinkes/rekam-medis/v1/pasien/1");
        Assert.Equal(HttpStatusCode.Forbidden, withUnboundToken.StatusCode);

        Assert.Equal(0, _upstream.Count);
    }
}
