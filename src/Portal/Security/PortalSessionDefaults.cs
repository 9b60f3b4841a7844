namespace SpbeConnector.Portal.Security;

/// <summary>Names of the portal's session: its authentication scheme, cookies, claims and authorization policy.</summary>
public static class PortalSessionDefaults
{
    /// <summary>
    /// The cookie authentication scheme of a person's portal session (ASP.NET Core Identity signs in with it). Its
    /// principal carries the account id (<c>ClaimTypes.NameIdentifier</c>), user name (<c>ClaimTypes.Name</c>) and
    /// role (<c>ClaimTypes.Role</c>, a <see cref="Registry.Domain.PortalRole"/> name).
    /// </summary>
    public const string Scheme = "PortalSession";
    public const string Policy = "PortalUser";

    /// <summary>The <c>__Host-</c> prefix makes browsers refuse the cookie unless Secure, host-only and for path /.</summary>
    public const string SessionCookie = "__Host-spbe-portal";
    /// <summary>The short-lived cookie between the password and the second factor (Identity's two-factor user id scheme).</summary>
    public const string TwoFactorCookie = "__Host-spbe-portal-2fa";
    public const string AntiforgeryCookie = "__Host-spbe-portal-af";
    public const string AntiforgeryField = "__RequestVerificationToken";

    public const string OpdClaim = "spbe:opd";
    public const string StampClaim = "spbe:stamp";
    public const string SignedInAtClaim = "spbe:signed_in_at";
    public const string MustChangePasswordClaim = "spbe:must_change_password";
    /// <summary>"true" when this session presented a second factor (or enrolled one): <see cref="SecondFactorRule"/>.</summary>
    public const string SecondFactorClaim = "spbe:second_factor";
}
