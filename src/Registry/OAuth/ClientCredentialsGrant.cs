using Microsoft.EntityFrameworkCore;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// The client credentials grant (RFC 6749 section 4.4). A client gets a token only for APIs it holds an approved
/// subscription to (Pasal 60 ayat (3) huruf f), narrowed by <c>resource</c> (RFC 8707) and <c>scope</c>
/// (section 3.3): the token's <c>aud</c> names those APIs and its <c>scope</c> holds only scopes they grant. A management
/// client's request for the management scopes is decided by <see cref="ManagementScopeRule"/> instead.
/// </summary>
public sealed class ClientCredentialsGrant(IDbContextFactory<RegistryDbContext> contexts, IssuerIdentity issuer)
{
    public sealed record Grant(IReadOnlyList<string> Audiences, IReadOnlyList<string> Scopes);

    public async Task<(Grant? Grant, OAuthError? Error)> DecideAsync(AuthenticatedClient client, string? scope, IReadOnlyList<string> resources, CancellationToken ct)
    {
        var requested = (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (requested.Any(s => !Catalog.RegistryRules.IsScope(s)))
            return (null, OAuthError.InvalidScope("The scope parameter holds a malformed scope."));
        foreach (var resource in resources)
        {
            // RFC 8707 section 2: an absolute URI without a fragment.
            if (!Uri.TryCreate(resource, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.Fragment))
                return (null, OAuthError.InvalidTarget("A resource parameter is not an absolute URI without a fragment."));
        }

        // The management scopes first: only a management client gets them, and then nothing else (ManagementScopeRule).
        var management = ManagementScopeRule.Decide(client.IsManagementClient, client.ManagementScopes ?? [], requested, resources, issuer.Issuer);
        if (management.Applies)
            return management.Error is { } refused ? (null, refused) : (new Grant(management.Audiences, management.Scopes), null);

        await using var db = await contexts.CreateDbContextAsync(ct);
        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => s.ClientApplicationId == client.Id && s.Status == SubscriptionStatus.Approved
                && (s.Api!.Status == ApiStatus.Published || s.Api.Status == ApiStatus.Deprecated))
            .Select(s => new { s.Scopes, ApiScopes = s.Api!.Scopes, s.Api.Slug, s.Api.Version, OpdCode = s.Api.Opd!.Code })
            .ToListAsync(ct);
        var issuerId = issuer.Issuer;
        var approved = subscriptions
            .Select(s => (Audience: ApiIdentifier.For(issuerId, s.OpdCode, s.Slug, s.Version), Scopes: (IReadOnlyList<string>)(s.Scopes.Count > 0 ? s.Scopes : s.ApiScopes)))
            .OrderBy(a => a.Audience, StringComparer.Ordinal)
            .ToList();

        var targets = approved;
        if (resources.Count > 0)
        {
            targets = approved.Where(a => resources.Any(r => ApiIdentifier.Names(r, a.Audience))).ToList();
            if (resources.Any(r => !approved.Any(a => ApiIdentifier.Names(r, a.Audience))))
                return (null, OAuthError.InvalidTarget("A resource names no API this client holds an approved subscription to."));
        }
        else if (requested.Length > 0)
        {
            targets = approved.Where(a => a.Scopes.Any(s => requested.Contains(s, StringComparer.Ordinal))).ToList();
        }

        var grantable = targets.SelectMany(t => t.Scopes).Where(s => !ManagementScopeRule.StripFromApiScopes(s)).ToHashSet(StringComparer.Ordinal);
        if (requested.Any(s => !grantable.Contains(s)))
            return (null, OAuthError.InvalidScope("A requested scope is not granted to this client for the APIs requested."));
        if (targets.Count == 0)
            return (null, OAuthError.InvalidTarget("This client holds no approved subscription to a published API."));
        var scopes = requested.Length > 0 ? requested.Distinct(StringComparer.Ordinal).ToList() : grantable.Order(StringComparer.Ordinal).ToList();
        return (new Grant(targets.Select(t => t.Audience).ToList(), scopes), null);
    }
}
