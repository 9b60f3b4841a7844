namespace SpbeConnector.Gateway.Management;

/// <summary>
/// Which paths are management (the admin API and its documents, the audit API's reading of records, the portal's
/// administrative pages) and which a management listener serves besides them (<c>Gateway:ManagementUrls</c>).
/// The audit API's receipt keys, checkpoints and consistency proofs stay public: anyone holding a receipt must be able
/// to check it.
/// </summary>
public static class ManagementPaths
{
    private static readonly PathString[] Management =
    [
        "/admin", "/openapi/admin.json", "/openapi/audit.json",
        "/audit/v1/records", "/audit/v1/export",
        // The portal's administrative pages: accounts, OPDs, plans, the security view of the log and alerts, compliance.
        "/portal/pengguna", "/portal/opd", "/portal/paket", "/portal/keamanan", "/portal/kepatuhan",
    ];

    /// <summary>What a management listener serves besides management paths: sign-in and the rest of the portal, tokens, health.</summary>
    private static readonly PathString[] AlsoOnManagementListener =
    [
        "/portal", "/oauth2", "/.well-known", "/healthz", "/readyz", "/metrics", "/audit/v1",
    ];

    public static bool IsManagement(PathString path) => Management.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    public static bool IsServedOnManagementListener(PathString path) =>
        IsManagement(path) || AlsoOnManagementListener.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
}
