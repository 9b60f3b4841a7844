namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// The scopes of the platform's own management interfaces, granted only to management clients: <c>spbe.admin</c> for
/// the admin API and <c>spbe.audit</c> for the audit API (Pasal 59 ayat (6) huruf c: the administrator-side interface
/// is controlled; ayat (9) huruf e: the log is read only by those allowed to). A token carrying one names the
/// interface as its audience (RFC 9068 <c>aud</c>), which no API's identifier can equal (those have three path segments).
/// </summary>
public static class ManagementScopes
{
    public const string Admin = "spbe.admin";
    public const string Audit = "spbe.audit";

    /// <summary>Every management scope, in the order the tools list them.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, Audit];

    /// <summary>The reserved prefix: no API scope may take a name under it (the token endpoint never grants one as an API scope).</summary>
    public const string Prefix = "spbe.";

    public static bool IsManagementScope(string scope) => scope.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The audience of a token carrying <paramref name="scope"/>: the issuer's URL and the interface's path.</summary>
    public static string Audience(string issuer, string scope) => scope switch
    {
        Admin => issuer + "/admin/v1",
        Audit => issuer + "/audit/v1",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "not a management scope"),
    };
}
