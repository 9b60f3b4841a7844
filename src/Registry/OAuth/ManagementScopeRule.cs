using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// The token endpoint's rule for the management scopes (<see cref="ManagementScopes"/>), on its own so that any token
/// server (this one, or one on OpenIddict) applies the same decision in its scope narrowing:
/// <list type="bullet">
/// <item>a management scope is granted only to a client an administrator marked as a management client, and only the
/// management scopes it was given (Pasal 59 ayat (6) huruf c);</item>
/// <item>a management token holds management scopes only, never an API's, and its audiences are the management
/// interfaces (a <c>resource</c> must name one of them);</item>
/// <item>a management client asking for neither scope nor resource gets all its management scopes;</item>
/// <item>anything else is not a management request: the API grant applies, which never grants a scope under the
/// reserved prefix (<see cref="StripFromApiScopes"/>).</item>
/// </list>
/// </summary>
public static class ManagementScopeRule
{
    /// <summary>The decision: not a management request (<see cref="Applies"/> false), a grant, or an error.</summary>
    public sealed record Decision(bool Applies, IReadOnlyList<string> Scopes, IReadOnlyList<string> Audiences, OAuthError? Error)
    {
        public static readonly Decision NotApplicable = new(false, [], [], null);
        public static Decision Refused(OAuthError error) => new(true, [], [], error);
    }

    public static Decision Decide(bool isManagementClient, IReadOnlyCollection<string> allowedScopes, IReadOnlyList<string> requestedScopes,
        IReadOnlyList<string> resources, string issuer)
    {
        var allowed = isManagementClient ? allowedScopes.Where(ManagementScopes.All.Contains).ToList() : [];
        var requested = requestedScopes.Distinct(StringComparer.Ordinal).ToList();
        var asksManagement = requested.Any(ManagementScopes.IsManagementScope);
        var namesManagement = resources.Count > 0 && resources.All(r => ManagementScopes.All.Any(s => ManagementScopes.Audience(issuer, s) == r));
        var defaultForManagementClient = isManagementClient && requested.Count == 0 && resources.Count == 0;
        if (!asksManagement && !namesManagement && !defaultForManagementClient)
            return Decision.NotApplicable;

        if (!isManagementClient)
            return Decision.Refused(OAuthError.InvalidScope("The management scopes are granted only to management clients."));
        if (requested.Any(s => !ManagementScopes.IsManagementScope(s)))
            return Decision.Refused(OAuthError.InvalidScope("A management token holds management scopes only; ask for API scopes in another request."));
        var scopes = requested.Count > 0 ? requested : namesManagement
            ? allowed.Where(s => resources.Contains(ManagementScopes.Audience(issuer, s))).ToList()
            : allowed;
        if (scopes.Count == 0 || scopes.Any(s => !allowed.Contains(s)))
            return Decision.Refused(OAuthError.InvalidScope("A requested management scope is not granted to this client."));
        var audiences = scopes.Select(s => ManagementScopes.Audience(issuer, s)).ToList();
        if (resources.Any(r => !audiences.Contains(r)))
            return Decision.Refused(OAuthError.InvalidTarget("A resource names no management interface of the scopes requested."));
        return new Decision(true, scopes.Order(StringComparer.Ordinal).ToList(), audiences.Order(StringComparer.Ordinal).ToList(), null);
    }

    /// <summary>The scopes an API grant may hand out: never one under the management prefix, whatever an API declared.</summary>
    public static bool StripFromApiScopes(string scope) => ManagementScopes.IsManagementScope(scope);
}
