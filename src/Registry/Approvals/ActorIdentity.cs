using System.Security.Claims;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Approvals;

/// <summary>
/// Who acts on the approval workflow, read from the caller's <see cref="ClaimsPrincipal"/>. <see cref="Id"/> is the
/// identifier every administrative record uses (<see cref="AdministrativeActor.Of"/>: <c>person:&lt;username&gt;</c>,
/// <c>client:&lt;client_id&gt;</c>), so an approval record and the admin API's audit record of the same call name the
/// same actor; it is what four eyes compares: the same person acting as submitter and approver is refused whatever
/// name they show. The roles are the principal's role claims read as <see cref="PortalRole"/> names, whoever issued
/// them (the portal's session for a person; the management-client authentication for a client holding
/// <c>spbe.admin</c>, which acts with the platform administrator's authority). The OPD is the <see cref="OpdClaim"/>
/// claim, for the decisions an OPD's publisher or data owner makes about its own APIs.
/// </summary>
public sealed record ActorIdentity(string Id, string Name, IReadOnlySet<PortalRole> Roles, string? OpdCode)
{
    /// <summary>The claim naming the OPD a person works for (the portal's session carries it).</summary>
    public const string OpdClaim = "spbe:opd";

    /// <summary>The prefix the workflow's records used for a person before they took <see cref="AdministrativeActor"/>'s form.</summary>
    public const string FormerPersonPrefix = "user:";

    /// <summary>
    /// The identifiers stored records made before the common form may hold for this same actor (<c>user:&lt;account id&gt;</c>,
    /// or <c>user:&lt;username&gt;</c> for a session without an account id). Stored records are never rewritten: four eyes
    /// reads them through <see cref="Is"/>.
    /// </summary>
    public IReadOnlyList<string> FormerIds { get; init; } = [];

    /// <summary>Whether a stored actor identifier (of a submission, a decision, a request, an act) names this actor, in either form.</summary>
    public bool Is(string? storedId) => storedId is not null && (storedId == Id || FormerIds.Contains(storedId, StringComparer.Ordinal));

    public static ActorIdentity FromPrincipal(ClaimsPrincipal principal)
    {
        var id = AdministrativeActor.Of(principal)
            ?? throw new InvalidOperationException("The caller carries no identity (no client_id or name claim): an approval cannot be attributed.");
        var clientId = principal.FindFirstValue(AdministrativeActor.ClientIdClaim);
        var name = clientId ?? principal.Identity?.Name ?? id;
        var roles = new HashSet<PortalRole>();
        foreach (var claim in principal.FindAll(ClaimTypes.Role))
        {
            if (Enum.TryParse<PortalRole>(claim.Value, ignoreCase: false, out var role) && Enum.IsDefined(role))
                roles.Add(role);
        }
        List<string> former = [];
        if (clientId is null)
        {
            if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } account)
                former.Add(FormerPersonPrefix + account);
            former.Add(FormerPersonPrefix + name);
        }
        return new ActorIdentity(id, name, roles, principal.FindFirstValue(OpdClaim)) { FormerIds = former };
    }

    /// <summary>A person known by their portal account (the portal's pages act through this).</summary>
    public static ActorIdentity Person(Guid accountId, string username, PortalRole role, string? opdCode) =>
        new(AdministrativeActor.Person(username), username, new HashSet<PortalRole> { role }, opdCode)
        {
            FormerIds = [FormerPersonPrefix + accountId.ToString(), FormerPersonPrefix + username],
        };

    public bool Holds(IEnumerable<PortalRole> roles) => roles.Any(Roles.Contains);
}
