using System.Security.Claims;

namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// Who did an administrative act, as every record names them (Pasal 59 ayat (9): logs say who): the admin API's audit
/// records, the approval workflow's decisions, requests and emergency acts alike. <c>person:&lt;username&gt;</c> for
/// someone signed in to the portal (usernames are unique and never renamed), <c>client:&lt;client_id&gt;</c> for a
/// management client, <c>bootstrap</c> for the first-start token. Never a shared name such as "administrator".
/// Records of the approval workflow made before this one form name a person <c>user:&lt;account id&gt;</c>; they are not
/// rewritten, and <c>Approvals.ActorIdentity.Is</c> still recognises them.
/// </summary>
public static class AdministrativeActor
{
    /// <summary>The claim a management client's identity carries (its client id); a person's has none.</summary>
    public const string ClientIdClaim = "client_id";

    public const string Bootstrap = "bootstrap";

    /// <summary>The prefix of a person's identifier.</summary>
    public const string PersonPrefix = "person:";

    /// <summary>The prefix of a management client's identifier.</summary>
    public const string ClientPrefix = "client:";

    public static string Person(string username) => PersonPrefix + username;

    public static string Client(string clientId) => ClientPrefix + clientId;

    public static string? Of(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true } identity)
            return null;
        if (user.FindFirst(ClientIdClaim)?.Value is { Length: > 0 } clientId)
            return Client(clientId);
        if (identity.Name == Bootstrap)
            return Bootstrap;
        return identity.Name is { Length: > 0 } name ? Person(name) : null;
    }
}
