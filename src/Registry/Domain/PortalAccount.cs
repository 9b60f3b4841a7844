using Microsoft.AspNetCore.Identity;

namespace SpbeConnector.Registry.Domain;

/// <summary>
/// A person's account of the registry portal (Pasal 59 ayat (4) huruf a: password management), kept by ASP.NET Core
/// Identity: <see cref="IdentityUser{TKey}"/> carries the name, the slow salted password hash (ayat (4) huruf f), the
/// failure count and lockout end (ayat (4) huruf d), the security stamp and the second factor (authenticator key,
/// recovery codes and passkeys in their own tables). The columns the portal had before Identity keep their names
/// (<c>Username</c>, <c>FailedLoginCount</c>, <c>LockedUntil</c>: see RegistryDbContext), so the accounts stayed
/// where they were when Identity took them over (migration <c>PortalAccountsOnIdentity</c>).
/// </summary>
public sealed class PortalAccount : IdentityUser<Guid>
{
    /// <summary>Lowercase login name, unique: Identity's <see cref="IdentityUser{TKey}.UserName"/> under its earlier name.</summary>
    public string Username
    {
        get => UserName ?? "";
        set => UserName = value;
    }

    public string DisplayName { get; set; } = "";

    /// <summary>
    /// One role per account, kept apart (Pasal 59 ayat (6) huruf a): a column, not Identity's role tables, because an
    /// account never holds two; the session carries it as its <c>ClaimTypes.Role</c> claim.
    /// </summary>
    public PortalRole Role { get; set; }

    /// <summary>The OPD a publisher or developer acts for; null for the roles that span every OPD.</summary>
    public Guid? OpdId { get; set; }
    public Opd? Opd { get; set; }

    public DateTimeOffset PasswordChangedAt { get; set; }

    /// <summary>Set when an administrator chose the password (creation, recovery): the user must replace it at the next login.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When the lockout ends (Identity's <see cref="IdentityUser{TKey}.LockoutEnd"/> under its earlier name).</summary>
    public DateTimeOffset? LockedUntil => LockoutEnd;

    public bool Disabled { get; set; }

    public DateTimeOffset? LastLoginAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
