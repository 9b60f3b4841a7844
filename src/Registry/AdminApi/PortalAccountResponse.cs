using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>A portal account as the admin API shows it: never its password hash.</summary>
public sealed record PortalAccountResponse(string Username, string DisplayName, PortalRole Role, string? OpdCode, bool Disabled,
    DateTimeOffset? LockedUntil, bool MustChangePassword, DateTimeOffset PasswordChangedAt, DateTimeOffset? LastLoginAt)
{
    public static PortalAccountResponse From(PortalAccount a) =>
        new(a.Username, a.DisplayName, a.Role, a.Opd?.Code, a.Disabled, a.LockedUntil, a.MustChangePassword, a.PasswordChangedAt, a.LastLoginAt);
}
