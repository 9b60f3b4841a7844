using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Portal.Accounts;

/// <summary>
/// Portal accounts (Pasal 59 ayat (4)) through ASP.NET Core Identity's <see cref="UserManager{TUser}"/>: server-side
/// verification (huruf b), the portal's length and mix rules and expiry (huruf c, <see cref="PortalPasswordValidator"/>,
/// <see cref="PortalPasswordAge"/>), lockout after repeated failures (huruf d, Identity's lockout), recovery through an
/// administrator (huruf e), slow salted hashes (huruf f, <see cref="LegacyPasswordHasher"/>). Validation problems are
/// thrown as <see cref="RegistryValidationException"/> holding portal text keys.
/// </summary>
public sealed partial class PortalAccountService(
    UserManager<PortalAccount> users,
    IDbContextFactory<RegistryDbContext> contexts,
    TimeProvider clock)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex UsernamePattern();

    public static bool RoleNeedsOpd(PortalRole role) => role is PortalRole.ApiPublisher or PortalRole.ApplicationDeveloper or PortalRole.DataOwner;

    public async Task<IReadOnlyList<PortalAccount>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.PortalAccounts.AsNoTracking().Include(a => a.Opd).OrderBy(a => a.UserName).ToListAsync(ct);
    }

    /// <summary>
    /// One page of the accounts whose user name, name or OPD code contains <paramref name="text"/> (any case), by user
    /// name, with how many match: a province has thousands of accounts, and the administrator looks one up by name.
    /// </summary>
    public async Task<(IReadOnlyList<PortalAccount> Items, int Total)> SearchAsync(string? text, int offset, int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.PortalAccounts.AsNoTracking().Include(a => a.Opd).AsQueryable();
        if (!string.IsNullOrWhiteSpace(text))
        {
            // lower() on both sides: SQLite's LIKE ignores case, PostgreSQL's does not.
            var words = text.Trim().ToLowerInvariant();
            query = query.Where(a => a.UserName!.ToLower().Contains(words) || a.DisplayName.ToLower().Contains(words)
                || (a.Opd != null && a.Opd.Code.ToLower().Contains(words)));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(a => a.UserName).Skip(offset).Take(limit).ToListAsync(ct);
        return (items, total);
    }

    public async Task<PortalAccount?> FindByUsernameAsync(string username, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.PortalAccounts.AsNoTracking().Include(a => a.Opd).SingleOrDefaultAsync(a => a.UserName == username, ct);
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
        var now = clock.GetUtcNow();
        var account = new PortalAccount
        {
            Id = Guid.NewGuid(),
            Username = username,
            DisplayName = (input.DisplayName ?? "").Trim(),
            Role = input.Role,
            PasswordChangedAt = now,
            MustChangePassword = mustChangePassword,
            LockoutEnabled = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await PasswordProblemsAsync(account, input.Password) is { Length: > 0 } passwordProblems)
            errors["password"] = passwordProblems;
        Opd? opd = null;
        if (RoleNeedsOpd(input.Role))
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            opd = string.IsNullOrEmpty(input.OpdCode) ? null : await db.Opds.AsNoTracking().SingleOrDefaultAsync(o => o.Code == input.OpdCode, ct);
            if (opd is null)
                errors["opdCode"] = ["account.opdRequired"];
        }
        if (errors.Count > 0)
            throw new RegistryValidationException(errors);
        if (await users.FindByNameAsync(username) is not null)
            throw new RegistryValidationException(new Dictionary<string, string[]> { ["username"] = ["account.usernameTaken"] });
        account.OpdId = opd?.Id;
        var created = await users.CreateAsync(account, input.Password!);
        if (!created.Succeeded)
            throw Refused(created, "username");
        account.Opd = opd;
        return account;
    }

    /// <summary>The user replaces their own password, proving the current one. Ends every other session.</summary>
    public async Task<PortalAccount> ChangePasswordAsync(Guid id, string? current, string? replacement, CancellationToken ct)
    {
        var account = await users.FindByIdAsync(id.ToString()) ?? throw new InvalidOperationException($"portal account {id} does not exist");
        var errors = new Dictionary<string, string[]>();
        if (!await users.CheckPasswordAsync(account, current ?? ""))
            errors["currentPassword"] = ["password.currentWrong"];
        var problems = (await PasswordProblemsAsync(account, replacement)).ToList();
        if (string.Equals(current, replacement, StringComparison.Ordinal))
            problems.Add("password.sameAsCurrent");
        if (problems.Count > 0)
            errors["newPassword"] = problems.ToArray();
        if (errors.Count > 0)
            throw new RegistryValidationException(errors);
        var changed = await users.ChangePasswordAsync(account, current!, replacement!);
        if (!changed.Succeeded)
            throw Refused(changed, "newPassword");
        await MarkPasswordSetAsync(account, mustChange: false);
        return account;
    }

    /// <summary>
    /// Recovery through an administrator (Pasal 59 ayat (4) huruf e): a temporary password the user must replace at
    /// the next login; the account is unlocked and its sessions end. The second factor stays: a person who lost it
    /// too is helped by <see cref="ResetSecondFactorAsync"/>.
    /// </summary>
    public async Task<PortalAccount?> ResetPasswordAsync(string username, string? temporaryPassword, CancellationToken ct)
    {
        var account = await users.FindByNameAsync(username);
        if (account is null)
            return null;
        if (await PasswordProblemsAsync(account, temporaryPassword) is { Length: > 0 } problems)
            throw new RegistryValidationException(new Dictionary<string, string[]> { ["password"] = problems });
        // Checked above by the same validators; set through the hasher (Identity's RemovePassword would store none).
        account.PasswordHash = users.PasswordHasher.HashPassword(account, temporaryPassword!);
        await IdentityResults.Ensure(users.UpdateSecurityStampAsync(account));
        await IdentityResults.Ensure(users.SetLockoutEndDateAsync(account, null));
        await IdentityResults.Ensure(users.ResetAccessFailedCountAsync(account));
        await MarkPasswordSetAsync(account, mustChange: true);
        return account;
    }

    /// <summary>
    /// Recovery of a lost second factor through an administrator: the authenticator key, recovery codes and passkeys
    /// are removed and the sessions end; a person whose role needs a second factor enrols a new one at the next sign-in.
    /// </summary>
    public async Task<PortalAccount?> ResetSecondFactorAsync(string username, CancellationToken ct)
    {
        var account = await users.FindByNameAsync(username);
        if (account is null)
            return null;
        foreach (var passkey in await users.GetPasskeysAsync(account))
            await IdentityResults.Ensure(users.RemovePasskeyAsync(account, passkey.CredentialId));
        await SecondFactorEnrolment.ForgetAuthenticatorAsync(users, account);
        await IdentityResults.Ensure(users.SetTwoFactorEnabledAsync(account, false));
        await IdentityResults.Ensure(users.UpdateSecurityStampAsync(account));
        return account;
    }

    /// <summary>Disables or re-enables an account; disabling ends its sessions at their next request.</summary>
    public async Task<PortalAccount?> SetDisabledAsync(string username, bool disabled, CancellationToken ct)
    {
        var account = await users.FindByNameAsync(username);
        if (account is null)
            return null;
        account.Disabled = disabled;
        account.UpdatedAt = clock.GetUtcNow();
        await IdentityResults.Ensure(users.UpdateAsync(account));
        await IdentityResults.Ensure(users.UpdateSecurityStampAsync(account));
        return account;
    }

    /// <summary>The stamp a session must still carry to stay valid, and whether the account may still sign in.</summary>
    public async Task<(string Stamp, bool Disabled)?> GetSessionStateAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var state = await db.PortalAccounts.Where(a => a.Id == id).Select(a => new { a.SecurityStamp, a.Disabled }).SingleOrDefaultAsync(ct);
        return state is null ? null : (state.SecurityStamp ?? "", state.Disabled);
    }

    /// <summary>Records a completed sign-in (shown to administrators).</summary>
    public async Task RecordSignInAsync(PortalAccount account)
    {
        account.LastLoginAt = clock.GetUtcNow();
        await IdentityResults.Ensure(users.UpdateAsync(account));
    }

    private async Task<string[]> PasswordProblemsAsync(PortalAccount account, string? password)
    {
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, account, password);
            problems.AddRange(result.Errors.Select(e => e.Code));
        }
        return problems.Distinct().ToArray();
    }

    private async Task MarkPasswordSetAsync(PortalAccount account, bool mustChange)
    {
        var now = clock.GetUtcNow();
        account.PasswordChangedAt = now;
        account.MustChangePassword = mustChange;
        account.UpdatedAt = now;
        await IdentityResults.Ensure(users.UpdateAsync(account));
    }

    private static RegistryValidationException Refused(IdentityResult result, string field) =>
        new(new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Code.StartsWith("DuplicateUserName", StringComparison.Ordinal) ? "account.usernameTaken" : e.Code).ToArray() });
}
