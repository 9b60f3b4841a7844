using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Hosting;
using SpbeConnector.Registry.Storage;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Cluster;

/// <summary>
/// The registry on PostgreSQL: migrated from empty by its own migration set at start (and again, harmlessly, by the
/// next node), serving what was published, with the store's versions bumped by the database so that concurrent
/// changes from several nodes are all counted.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresRegistryTests(ClusterServers servers)
{
    [Fact]
    public async Task A_gateway_on_postgresql_migrates_an_empty_database_and_serves_what_it_publishes()
    {
        var database = await servers.NewDatabaseAsync();
        await using var upstream = await StubUpstream.StartAsync();
        await using var node = await TestGateway.StartAsync(servers.NodeSettings(database));

        var factory = node.Services.GetRequiredService<IDbContextFactory<RegistryDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.IsType<PostgresRegistryDbContext>(db);
            Assert.True(db.Database.IsNpgsql());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        }
        await node.Services.MigrateRegistryAsync(); // a second node starting migrates nothing

        var apiId = await node.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        using var caller = await node.CreateCallerAsync(apiId);
        var response = await caller.GetAsync("/dinkes/faskes/v1/puskesmas");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Single(upstream.Received);
    }

    [Fact]
    public async Task With_a_key_ring_certificate_the_data_protection_keys_in_the_database_are_encrypted()
    {
        var database = await servers.NewDatabaseAsync();
        var directory = Directory.CreateTempSubdirectory("spbe-keyring-").FullName;
        try
        {
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=spbe-key-ring", rsa,
                System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllTextAsync(Path.Combine(directory, "ring.crt"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(directory, "ring.key"), rsa.ExportPkcs8PrivateKeyPem());
            var settings = servers.NodeSettings(database);
            settings["Registry:KeyRingCertificatePath"] = Path.Combine(directory, "ring.crt");
            settings["Registry:KeyRingCertificateKeyPath"] = Path.Combine(directory, "ring.key");
            await using var node = await TestGateway.StartAsync(settings);

            var factory = node.Services.GetRequiredService<IDbContextFactory<PostgresRegistryDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, xml => Assert.Contains("EncryptedData", xml));
            Assert.All(keys, xml => Assert.DoesNotContain("<masterKey", xml));
            // The signing key it protects is usable: a token is issued and accepted.
            var apiId = await node.PublishApiAsync("dinkes", "faskes", "v1", ["http://127.0.0.1:9"]);
            using var caller = await node.CreateCallerAsync(apiId);
            Assert.NotNull(caller.DefaultRequestHeaders.Authorization);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Concurrent_changes_each_bump_the_shared_version()
    {
        var database = await servers.NewDatabaseAsync();
        await using var node = await TestGateway.StartAsync(servers.NodeSettings(database));
        var factory = node.Services.GetRequiredService<IDbContextFactory<RegistryDbContext>>();
        long Version(RegistryDbContext db) => db.State.AsNoTracking().Single().AccessVersion;
        long before;
        await using (var db = await factory.CreateDbContextAsync())
            before = Version(db);

        var own = node.Services.GetRequiredService<LocalVersionBumps>();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.SaveWithVersionBumpAsync(RegistryChange.Access, own, CancellationToken.None);
        }));

        await using (var db = await factory.CreateDbContextAsync())
            Assert.Equal(before + 20, Version(db));
    }
}
