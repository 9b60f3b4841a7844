namespace SpbeConnector.Portal.Security;

/// <summary>Names of the portal's session: its authentication scheme, cookies, claims and authorization policy.</summary>
public static class PortalSessionDefaults
{
    public const string Scheme = "PortalSession";
    public const string Policy = "PortalUser";

    /// <summary>The <c>__Host-</c> prefix makes browsers refuse the cookie unless Secure, host-only and for path /.</summary>
    public const string SessionCookie = "__Host-spbe-portal";
    public const string AntiforgeryCookie = "__Host-spbe-portal-af";
    public const string AntiforgeryField = "__RequestVerificationToken";

    public const string OpdClaim = "spbe:opd";
    public const string StampClaim = "spbe:stamp";
    public const string SignedInAtClaim = "spbe:signed_in_at";
    public const string MustChangePasswordClaim = "spbe:must_change_password";
}
