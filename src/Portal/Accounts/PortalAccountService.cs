using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.OAuth;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Portal.Accounts;

/// <summary>
/// Local portal accounts and their passwords (Pasal 59 ayat (4)): server-side verification (huruf b), length, mix and
/// expiry (huruf c), lockout after repeated failures (huruf d), recovery through an administrator (huruf e), slow
/// salted hashes (huruf f). Validation problems are thrown as <see cref="RegistryValidationException"/> holding portal
/// text keys.
/// </summary>
public sealed partial class PortalAccountService(
    IDbContextFactory<RegistryDbContext> contexts,
    IOptions<PortalOptions> options,
    TimeProvider clock)
{
    // A hash to verify against when the user does not exist, so that the answer takes as long either way.
    private readonly Lazy<string> _decoyHash = new(() => ClientSecretHasher.Hash(Guid.NewGuid().ToString(), options.Value.PasswordHashIterations));

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex UsernamePattern();

    public static bool RoleNeedsOpd(PortalRole role) => role is PortalRole.ApiPublisher or PortalRole.ApplicationDeveloper or PortalRole.DataOwner;

    public async Task<IReadOnlyList<PortalAccount>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.PortalAccounts.AsNoTracking().Include(a => a.Opd).OrderBy(a => a.Username).ToListAsync(ct);
    }

    public async Task<PortalAccount?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.PortalAccounts.AsNoTracking().Include(a => a.Opd).SingleOrDefaultAsync(a => a.Id == id, ct);
    }

    public async Task<bool> AnyAdministratorAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.PortalAccounts.AnyAsync(a => a.Role == PortalRole.PlatformAdministrator, ct);
    }

    /// <summary>
    /// Creates an account. When an administrator chose the password for someone else, that person must change it at
    /// the first login (<paramref name="mustChangePassword"/>); the first administrator chooses their own.
    /// </summary>
    public async Task<PortalAccount> CreateAsync(PortalAccountInput input, bool mustChangePassword, CancellationToken ct)
    {
        var username = (input.Username ?? "").Trim().ToLowerInvariant();
        var errors = new Dictionary<string, string[]>();
        if (!UsernamePattern().IsMatch(username))
            errors["username"] = ["account.usernameInvalid"];
        if (string.IsNullOrWhiteSpace(input.DisplayName) || input.DisplayName.Length > 200)
            errors["displayName"] = ["account.displayNameInvalid"];
        var passwordProblems = PasswordPolicy.Check(input.Password, username, options.Value);
        if (passwordProblems.Count > 0)
            errors["password"] = passwordProblems.ToArray();
        await using var db = await contexts.CreateDbContextAsync(ct);
        Opd? opd = null;
        if (RoleNeedsOpd(input.Role))
        {
            opd = string.IsNullOrEmpty(input.OpdCode) ? null : await db.Opds.SingleOrDefaultAsync(o => o.Code == input.OpdCode, ct);
            if (opd is null)
                errors["opdCode"] = ["account.opdRequired"];
        }
        if (errors.Count > 0)
            throw new RegistryValidationException(errors);
        if (await db.PortalAccounts.AnyAsync(a => a.Username == username, ct))
            throw new RegistryValidationException(new Dictionary<string, string[]> { ["username"] = ["account.usernameTaken"] });
        var now = clock.GetUtcNow();
        var account = new PortalAccount
        {
            Id = Guid.NewGuid(),
            Username = username,
            DisplayName = input.DisplayName.Trim(),
            Role = input.Role,
            OpdId = opd?.Id,
            PasswordHash = HashPassword(input.Password),
            PasswordChangedAt = now,
            MustChangePassword = mustChangePassword,
            SecurityStamp = NewStamp(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.PortalAccounts.Add(account);
        await db.SaveChangesAsync(ct);
        account.Opd = opd;
        return account;
    }

    /// <summary>
    /// Checks a login. Each wrong password counts; at the configured maximum the account locks for the lockout
    /// duration (Pasal 59 ayat (4) huruf d). A locked account is refused even with the right password.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string? username, string? password, CancellationToken ct)
    {
        var name = (username ?? "").Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = await db.PortalAccounts.Include(a => a.Opd).SingleOrDefaultAsync(a => a.Username == name, ct);
        if (account is null)
        {
            ClientSecretHasher.Verify(password ?? "", _decoyHash.Value);
            return new SignInResult(SignInOutcome.InvalidCredentials);
        }
        var now = clock.GetUtcNow();
        if (account.Disabled)
            return new SignInResult(SignInOutcome.Disabled, account);
        if (account.LockedUntil > now)
            return new SignInResult(SignInOutcome.LockedOut, account, LockedUntil: account.LockedUntil);
        if (!ClientSecretHasher.Verify(password ?? "", account.PasswordHash))
        {
            account.FailedLoginCount++;
            if (account.FailedLoginCount >= options.Value.MaximumFailedLogins)
            {
                account.LockedUntil = now + options.Value.LockoutDuration;
                account.FailedLoginCount = 0;
            }
            await db.SaveChangesAsync(ct);
            return account.LockedUntil > now
                ? new SignInResult(SignInOutcome.LockedOut, account, LockedUntil: account.LockedUntil)
                : new SignInResult(SignInOutcome.InvalidCredentials, account);
        }
        account.FailedLoginCount = 0;
        account.LockedUntil = null;
        account.LastLoginAt = now;
        await db.SaveChangesAsync(ct);
        return new SignInResult(SignInOutcome.Succeeded, account, account.MustChangePassword || IsExpired(account, now));
    }

    /// <summary>Whether the password is past its validity period (Pasal 59 ayat (4) huruf c).</summary>
    public bool IsExpired(PortalAccount account, DateTimeOffset now) =>
        options.Value.PasswordMaximumAge > TimeSpan.Zero && account.PasswordChangedAt + options.Value.PasswordMaximumAge <= now;

    /// <summary>The user replaces their own password, proving the current one. Ends every other session.</summary>
    public async Task<PortalAccount> ChangePasswordAsync(Guid id, string? current, string? replacement, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = await db.PortalAccounts.Include(a => a.Opd).SingleAsync(a => a.Id == id, ct);
        var errors = new Dictionary<string, string[]>();
        if (!ClientSecretHasher.Verify(current ?? "", account.PasswordHash))
            errors["currentPassword"] = ["password.currentWrong"];
        var problems = PasswordPolicy.Check(replacement, account.Username, options.Value).ToList();
        if (string.Equals(current, replacement, StringComparison.Ordinal))
            problems.Add("password.sameAsCurrent");
        if (problems.Count > 0)
            errors["newPassword"] = problems.ToArray();
        if (errors.Count > 0)
            throw new RegistryValidationException(errors);
        SetPassword(account, replacement!, mustChange: false);
        await db.SaveChangesAsync(ct);
        return account;
    }

    /// <summary>
    /// Recovery through an administrator (Pasal 59 ayat (4) huruf e): a temporary password the user must replace at
    /// the next login; the account is unlocked and its sessions end.
    /// </summary>
    public async Task<PortalAccount?> ResetPasswordAsync(string username, string? temporaryPassword, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = await db.PortalAccounts.Include(a => a.Opd).SingleOrDefaultAsync(a => a.Username == username, ct);
        if (account is null)
            return null;
        var problems = PasswordPolicy.Check(temporaryPassword, account.Username, options.Value);
        if (problems.Count > 0)
            throw new RegistryValidationException(new Dictionary<string, string[]> { ["password"] = problems.ToArray() });
        SetPassword(account, temporaryPassword!, mustChange: true);
        account.FailedLoginCount = 0;
        account.LockedUntil = null;
        await db.SaveChangesAsync(ct);
        return account;
    }

    /// <summary>Disables or re-enables an account; disabling ends its sessions at their next request.</summary>
    public async Task<PortalAccount?> SetDisabledAsync(string username, bool disabled, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = await db.PortalAccounts.Include(a => a.Opd).SingleOrDefaultAsync(a => a.Username == username, ct);
        if (account is null)
            return null;
        account.Disabled = disabled;
        account.SecurityStamp = NewStamp();
        account.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return account;
    }

    /// <summary>The stamp a session must still carry to stay valid, and whether the account may still sign in.</summary>
    public async Task<(string Stamp, bool Disabled)?> GetSessionStateAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var state = await db.PortalAccounts.Where(a => a.Id == id).Select(a => new { a.SecurityStamp, a.Disabled }).SingleOrDefaultAsync(ct);
        return state is null ? null : (state.SecurityStamp, state.Disabled);
    }

    private void SetPassword(PortalAccount account, string password, bool mustChange)
    {
        var now = clock.GetUtcNow();
        account.PasswordHash = HashPassword(password);
        account.PasswordChangedAt = now;
        account.MustChangePassword = mustChange;
        account.SecurityStamp = NewStamp();
        account.UpdatedAt = now;
    }

    private string HashPassword(string password) => ClientSecretHasher.Hash(password, options.Value.PasswordHashIterations);

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
