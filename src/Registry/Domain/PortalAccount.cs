namespace SpbeConnector.Registry.Domain;

/// <summary>
/// A local account of the registry portal (Pasal 59 ayat (4) huruf a: password management). Only a slow salted hash of
/// the password is stored (ayat (4) huruf f); failures are counted to lock the account (ayat (4) huruf d).
/// </summary>
public sealed class PortalAccount
{
    public Guid Id { get; set; }

    /// <summary>Lowercase login name, unique.</summary>
    public string Username { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public PortalRole Role { get; set; }

    /// <summary>The OPD a publisher or developer acts for; null for the roles that span every OPD.</summary>
    public Guid? OpdId { get; set; }
    public Opd? Opd { get; set; }

    /// <summary>PBKDF2-SHA256 with its own salt and iteration count (the format of client secrets).</summary>
    public string PasswordHash { get; set; } = "";

    public DateTimeOffset PasswordChangedAt { get; set; }

    /// <summary>Set when an administrator chose the password (creation, recovery): the user must replace it at the next login.</summary>
    public bool MustChangePassword { get; set; }

    public int FailedLoginCount { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public bool Disabled { get; set; }

    /// <summary>Changes whenever the password or the account's rights change, ending every session issued before.</summary>
    public string SecurityStamp { get; set; } = "";

    public DateTimeOffset? LastLoginAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
