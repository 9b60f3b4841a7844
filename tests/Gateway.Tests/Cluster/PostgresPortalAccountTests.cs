using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.OAuth;
using SpbeConnector.Registry.Storage;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Cluster;

/// <summary>
/// The portal's people on PostgreSQL (issue 17): an account stored before ASP.NET Core Identity keeps its row, role and
/// state through the PostgreSQL migration, its old PBKDF2-SHA256 password still verifies and is rehashed, and
/// Identity's stores (passkeys as JSON, tokens, lockout) work on that engine.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresPortalAccountTests(ClusterServers servers)
{
    private const string OldPassword = "Sandi-Lama-2025!";

    [Fact]
    public async Task An_account_stored_before_identity_is_kept_and_signs_in_and_identitys_stores_work_on_postgresql()
    {
        var database = await servers.NewDatabaseAsync();
        var options = new DbContextOptionsBuilder<PostgresRegistryDbContext>().UseNpgsql(database).Options;
        await using (var db = new PostgresRegistryDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync("ApiValidationWaiverPostgres");
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO portal_accounts (\"Id\", \"Username\", \"DisplayName\", \"Role\", \"OpdId\", \"PasswordHash\", \"PasswordChangedAt\", \"MustChangePassword\", " +
                "\"FailedLoginCount\", \"LockedUntil\", \"Disabled\", \"SecurityStamp\", \"LastLoginAt\", \"CreatedAt\", \"UpdatedAt\") VALUES " +
                "({0}, 'lama.admin', 'Admin Lama', 'PlatformAdministrator', NULL, {1}, '2099-01-01 00:00:00+00', false, 2, NULL, false, 'cap-lama', NULL, now(), now())",
                Guid.NewGuid(), ClientSecretHasher.Hash(OldPassword, 10_000));
        }

        await using var node = await TestGateway.StartAsync(servers.NodeSettings(database));
        await using (var scope = node.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalAccount>>();
            var account = await users.FindByNameAsync("lama.admin");
            Assert.NotNull(account);
            Assert.Equal(PortalRole.PlatformAdministrator, account.Role);
            Assert.Equal(2, account.AccessFailedCount);
            Assert.True(account.LockoutEnabled);
            Assert.False(await users.CheckPasswordAsync(account, "Salah-Sandi-0000"));
            Assert.True(await users.CheckPasswordAsync(account, OldPassword));

            var passkey = new UserPasskeyInfo([1, 2, 3, 4], [5, 6, 7], DateTimeOffset.UtcNow, 0, ["internal"], true, false, false, [8], [9]) { Name = "Passkey portal" };
            Assert.True((await users.AddOrUpdatePasskeyAsync(account, passkey)).Succeeded);
            var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10);
            Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(account, codes!.First())).Succeeded);
        }
        await using (var scope = node.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalAccount>>();
            var account = (await users.FindByNameAsync("lama.admin"))!;
            Assert.StartsWith("AQAAAA", account.PasswordHash); // Identity's format (version 3 marker), no longer the old one
            Assert.True(await users.CheckPasswordAsync(account, OldPassword));
            var stored = Assert.Single(await users.GetPasskeysAsync(account));
            Assert.Equal(new byte[] { 5, 6, 7 }, stored.PublicKey);
            Assert.Equal("Passkey portal", stored.Name);
            Assert.Equal(9, await users.CountRecoveryCodesAsync(account));
        }
    }
}
