using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Hosting;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.Tests.Storage;

/// <summary>
/// The schema evolves through migrations that keep existing data: a store created by the first release, holding
/// data, is brought to the latest schema and still holds the same data.
/// </summary>
public sealed class MigrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "spbe-migrate-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_store_of_the_first_release_with_data_is_migrated_to_the_latest_schema_without_loss()
    {
        var (services, factory, _) = await FirstReleaseStoreAsync(document: null);
        await ExecuteAsync("UPDATE registry_state SET ConfigVersion = 41;");

        await services.MigrateRegistryAsync();
        await services.MigrateRegistryAsync(); // idempotent

        await using var after = await factory.CreateDbContextAsync();
        Assert.Empty(await after.Database.GetPendingMigrationsAsync());
        var api = await after.Apis.Include(a => a.Opd).SingleAsync();
        Assert.Equal("bapenda", api.Opd!.Code);
        Assert.Equal(["https://pajak.example.go.id"], api.UpstreamUrls);
        Assert.Equal(Domain.ApiStatus.Published, api.Status);
        Assert.Equal(41, (await after.State.SingleAsync()).ConfigVersion);
    }

    [Fact]
    public async Task A_document_stored_by_the_first_release_becomes_revision_1_and_its_api_gets_lenient_query_checks()
    {
        const string document = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"T\",\"version\":\"1\"},\"paths\":{\"/a\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}";
        var (services, factory, apiId) = await FirstReleaseStoreAsync(document);

        await services.MigrateRegistryAsync();

        await using var after = await factory.CreateDbContextAsync();
        var api = await after.Apis.SingleAsync();
        Assert.Equal(1, api.DocumentRevision);
        Assert.False(api.Validation.StrictQuery);
        Assert.Equal(Domain.ApiValidationSettings.Default with { StrictQuery = false }, api.Validation with { AllowedFileTypes = Domain.ApiValidationSettings.Default.AllowedFileTypes, AllowedOrigins = Domain.ApiValidationSettings.Default.AllowedOrigins });
        Assert.Equal(Domain.ApiValidationSettings.Default.AllowedFileTypes, api.Validation.AllowedFileTypes);
        var revision = await after.DocumentRevisions.SingleAsync();
        Assert.Equal((apiId, 1, "json", document), (revision.ApiId, revision.Revision, revision.Format, revision.Content));
    }

    [Fact]
    public async Task An_api_stored_before_cors_settings_existed_is_read_with_cors_off()
    {
        var (services, factory, _) = await FirstReleaseStoreAsync(document: null);

        await services.MigrateRegistryAsync();

        await using var after = await factory.CreateDbContextAsync();
        var cors = (await after.Apis.SingleAsync()).Cors;
        Assert.False(cors.IsEnabled);
        Assert.Empty(cors.AllowedOrigins);
        Assert.Equal(Domain.ApiCorsSettings.Default.AllowedMethods, cors.AllowedMethods);
        Assert.Empty(cors.AllowedHeaders);
        Assert.Empty(cors.ExposedHeaders);
        Assert.Null(cors.MaxAge);
        Assert.False(cors.AllowCredentials);
    }

    [Fact]
    public async Task Subscriptions_made_before_plans_existed_get_bronze_and_the_seeded_tiers_match_the_national_connector()
    {
        var (services, factory, apiId) = await FirstReleaseStoreAsync(document: null);
        await using (var db = await factory.CreateDbContextAsync())
            await db.GetService<IMigrator>().MigrateAsync("OAuthAuthorizationServer");
        var subscriptionId = await InsertApprovedSubscriptionAsync(apiId);

        await services.MigrateRegistryAsync();

        await using var after = await factory.CreateDbContextAsync();
        var subscription = await after.Subscriptions.Include(s => s.Plan).SingleAsync();
        Assert.Equal((subscriptionId, "Bronze", 1000L), (subscription.Id, subscription.Plan!.Name, subscription.Plan.RequestsPerMinute!.Value));
        var plans = await after.Plans.ToDictionaryAsync(p => p.Name);
        Assert.Equal((1000L, 2000L, 5000L), (plans["Bronze"].RequestsPerMinute!.Value, plans["Silver"].RequestsPerMinute!.Value, plans["Gold"].RequestsPerMinute!.Value));
        Assert.True(plans["Unlimited"].AdministratorOnly);
        Assert.Null(plans["Unlimited"].RequestsPerMinute);
        Assert.False(plans["Gold"].AdministratorOnly);
    }

    [Fact]
    public async Task A_subscription_decided_before_decisions_kept_the_actor_id_keeps_the_name_it_had_and_no_id()
    {
        var (services, factory, apiId) = await FirstReleaseStoreAsync(document: null);
        await using (var db = await factory.CreateDbContextAsync())
            await db.GetService<IMigrator>().MigrateAsync("OAuthAuthorizationServer");
        var subscriptionId = await InsertApprovedSubscriptionAsync(apiId);
        await using (var db = await factory.CreateDbContextAsync())
            await db.GetService<IMigrator>().MigrateAsync("ApiRiskAssessment");
        await ExecuteAsync(
            "INSERT INTO subscription_requests (SubscriptionId, Plan, Purpose, RequestedBy, RequestedAt, DecidedBy, DecisionNotes, DecidedAt) " +
            $"VALUES ('{subscriptionId.ToString().ToUpperInvariant()}', 'Bronze', 'Rekonsiliasi pajak', 'pengembang', '2026-11-01 00:00:00+00:00', 'Budi Santoso', NULL, '2026-11-02 00:00:00+00:00');");

        await services.MigrateRegistryAsync();

        await using var after = await factory.CreateDbContextAsync();
        var request = await after.SubscriptionRequests.SingleAsync();
        Assert.Equal(("Budi Santoso", (string?)null), (request.DecidedBy, request.DecidedById));
    }

    /// <summary>An approved subscription of a new client of the store's OPD to <paramref name="apiId"/>, in the first release's tables.</summary>
    private async Task<Guid> InsertApprovedSubscriptionAsync(Guid apiId)
    {
        var clientId = Guid.NewGuid().ToString().ToUpperInvariant();
        var subscriptionId = Guid.NewGuid();
        await ExecuteAsync(
            $"INSERT INTO clients (Id, ClientId, OpdId, Name, Description, Status, MayIntrospect, Jwks, CertificateThumbprints, TlsClientAuthSubjectDn, CreatedAt, UpdatedAt) " +
            $"SELECT '{clientId}', 'aplikasi-pajak', Id, 'Aplikasi Pajak', NULL, 'Enabled', 0, NULL, '[]', NULL, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00' FROM opds;" +
            $"INSERT INTO subscriptions (Id, ClientApplicationId, ApiId, Scopes, Status, CreatedAt, UpdatedAt) " +
            $"VALUES ('{subscriptionId.ToString().ToUpperInvariant()}', '{clientId}', '{apiId.ToString().ToUpperInvariant()}', '[]', 'Approved', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00');");
        return subscriptionId;
    }

    /// <summary>A store with the first release's schema holding one OPD and one published API, written in plain SQL as that release would have left it.</summary>
    private async Task<(ServiceProvider Services, IDbContextFactory<RegistryDbContext> Factory, Guid ApiId)> FirstReleaseStoreAsync(string? document)
    {
        Directory.CreateDirectory(_directory);
        var services = Services();
        var factory = services.GetRequiredService<IDbContextFactory<RegistryDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
            await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First());
        var opdId = Guid.NewGuid().ToString().ToUpperInvariant();
        var apiId = Guid.NewGuid();
        var content = document is null ? "NULL" : $"'{document.Replace("'", "''")}'";
        await ExecuteAsync(
            $"INSERT INTO opds (Id, Code, Name, TenantDomain, CreatedAt, UpdatedAt) VALUES ('{opdId}', 'bapenda', 'Badan Pendapatan Daerah', NULL, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00');" +
            $"INSERT INTO apis (Id, OpdId, Name, Slug, Version, Description, UpstreamUrls, AllowInsecureUpstream, OpenApiDocument, Classification, Status, CreatedAt, UpdatedAt) " +
            $"VALUES ('{apiId.ToString().ToUpperInvariant()}', '{opdId}', 'Pajak Daerah', 'pajak', 'v1', NULL, '[\"https://pajak.example.go.id\"]', 0, {content}, 'Restricted', 'Published', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00');");
        return (services, factory, apiId);
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContextFactory<RegistryDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(_directory, "registry.db")}"));
        return services.BuildServiceProvider();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "registry.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
