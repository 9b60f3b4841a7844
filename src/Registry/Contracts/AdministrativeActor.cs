using System.Security.Claims;

namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// Who did an administrative act, as audit records name them (Pasal 59 ayat (9): logs say who):
/// <c>person:&lt;account&gt;</c> for someone signed in to the portal, <c>client:&lt;client_id&gt;</c> for a management
/// client, <c>bootstrap</c> for the first-start token. Never a shared name such as "administrator".
/// </summary>
public static class AdministrativeActor
{
    /// <summary>The claim a management client's identity carries (its client id); a person's has none.</summary>
    public const string ClientIdClaim = "client_id";

    public const string Bootstrap = "bootstrap";

    public static string? Of(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true } identity)
            return null;
        if (user.FindFirst(ClientIdClaim)?.Value is { Length: > 0 } clientId)
            return "client:" + clientId;
        if (identity.Name == Bootstrap)
            return Bootstrap;
        return identity.Name is { Length: > 0 } name ? "person:" + name : null;
    }
}
