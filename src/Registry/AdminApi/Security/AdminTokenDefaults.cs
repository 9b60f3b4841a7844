namespace SpbeConnector.Registry.AdminApi.Security;

public static class AdminTokenDefaults
{
    /// <summary>The authentication scheme of the administrator credential.</summary>
    public const string Scheme = "AdminToken";

    /// <summary>The authorization policy every admin API endpoint requires.</summary>
    public const string Policy = "PlatformAdministrator";
}
