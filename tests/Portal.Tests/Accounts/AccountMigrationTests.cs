using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Playwright;
using SpbeConnector.Registry.OAuth;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Portal.Tests.Accounts;

/// <summary>
/// Accounts stored before the portal moved onto ASP.NET Core Identity (a real SQLite store built at the previous
/// schema, rows as the earlier code wrote them): the migration keeps every account, role and state; the old
/// PBKDF2-SHA256 hash still signs in and is rehashed in Identity's format at once; the person is then asked to enrol
/// a second factor.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class AccountMigrationTests(PortalBrowser browser) : IAsyncLifetime
{
    private const string OldPassword = "Sandi-Lama-2025!";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "spbe-people-" + Guid.NewGuid().ToString("N"));
    private string File => Path.Combine(_data, "registry.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        var options = new DbContextOptionsBuilder<RegistryDbContext>().UseSqlite($"Data Source={File}").Options;
        await using (var db = new RegistryDbContext(options))
            await db.GetService<IMigrator>().MigrateAsync("ApiValidationWaiver");
        await using (var connection = new SqliteConnection($"Data Source={File}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // The earlier code's hash: PBKDF2-SHA256 in the client-secret format, as PortalAccountService stored it.
            command.CommandText = Insert("lama.admin", "PlatformAdministrator", ClientSecretHasher.Hash(OldPassword, 10_000), lockedUntil: null)
                + Insert("lama.auditor", "SecurityAuditor", ClientSecretHasher.Hash(OldPassword, 10_000), lockedUntil: "2099-01-01 00:00:00+00:00");
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
    }

    private static string Insert(string username, string role, string hash, string? lockedUntil) =>
        "INSERT INTO portal_accounts (Id, Username, DisplayName, Role, OpdId, PasswordHash, PasswordChangedAt, MustChangePassword, FailedLoginCount, LockedUntil, Disabled, SecurityStamp, LastLoginAt, CreatedAt, UpdatedAt) " +
        $"VALUES ('{Guid.NewGuid().ToString().ToUpperInvariant()}', '{username}', 'Akun {username}', '{role}', NULL, '{hash}', '2099-01-01 00:00:00+00:00', 0, 2, " +
        $"{(lockedUntil is null ? "NULL" : $"'{lockedUntil}'")}, 0, 'cap-lama', NULL, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00');";

    [Fact]
    public async Task An_account_stored_before_identity_signs_in_with_its_old_password_is_rehashed_and_asked_to_enrol_and_a_locked_one_stays_locked()
    {
        await using (var site = await PortalSite.StartAsync(dataDirectory: _data))
        {
            await using var context = await browser.NewContextAsync(site.BaseUrl);
            var page = await context.NewPageAsync();
            await PortalSite.SignInAsync(page, "lama.admin", OldPassword);
            Assert.Equal("/portal/akun/faktor-kedua", new Uri(page.Url).AbsolutePath);
            Assert.Equal(1, await page.Locator("#second-factor-required").CountAsync());

            // Its state came along: the locked account is still locked, even with the right password.
            await using var other = await browser.NewContextAsync(site.BaseUrl);
            var locked = await other.NewPageAsync();
            await PortalSite.SignInAsync(locked, "lama.auditor", OldPassword);
            Assert.Contains("Akun terkunci", await locked.ContentAsync());
        }
        SqliteConnection.ClearAllPools();

        await using var connection = new SqliteConnection($"Data Source={File}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Username, Role, PasswordHash, NormalizedUserName, LockoutEnabled FROM portal_accounts ORDER BY Username";
        await using var rows = await command.ExecuteReaderAsync();
        var accounts = new List<(string Name, string Role, string Hash, string Normalized, bool Lockout)>();
        while (await rows.ReadAsync())
            accounts.Add((rows.GetString(0), rows.GetString(1), rows.GetString(2), rows.GetString(3), rows.GetBoolean(4)));
        Assert.Equal(["lama.admin", "lama.auditor"], accounts.Select(a => a.Name));
        Assert.Equal(["PlatformAdministrator", "SecurityAuditor"], accounts.Select(a => a.Role));
        Assert.Equal(["LAMA.ADMIN", "LAMA.AUDITOR"], accounts.Select(a => a.Normalized));
        Assert.All(accounts, a => Assert.True(a.Lockout));
        // Signed in: rehashed in Identity's format (no longer the old prefix). Not signed in: untouched.
        Assert.DoesNotContain("pbkdf2-sha256$", accounts[0].Hash);
        Assert.StartsWith("pbkdf2-sha256$", accounts[1].Hash);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
            Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }
}
