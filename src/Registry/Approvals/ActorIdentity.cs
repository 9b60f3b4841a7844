using System.Security.Claims;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Approvals;

/// <summary>
/// Who acts on the approval workflow, read from the caller's <see cref="ClaimsPrincipal"/> in one place: a management
/// client by its <c>client_id</c>, a person by their name identifier (else their name). <see cref="Id"/> is what four eyes
/// compares: the same person acting as submitter and approver is refused whatever name they show. The roles are the
/// principal's role claims read as <see cref="PortalRole"/> names; a management client with <c>spbe.admin</c>
/// is the platform administrator, who decides no feasibility stage. The OPD is the
/// <see cref="OpdClaim"/> claim, for the decisions an OPD's publisher or data owner makes about its own APIs.
/// </summary>
public sealed record ActorIdentity(string Id, string Name, IReadOnlySet<PortalRole> Roles, string? OpdCode)
{
    /// <summary>The claim naming the OPD a person works for (the portal's session carries it).</summary>
    public const string OpdClaim = "spbe:opd";

    /// <summary>The role claim value of the admin API's administrator token.</summary>
    public const string AdministratorTokenRole = "platform-admin";

    public static ActorIdentity FromPrincipal(ClaimsPrincipal principal)
    {
        var clientId = principal.FindFirstValue("client_id");
        var name = principal.Identity?.Name ?? principal.FindFirstValue(ClaimTypes.Name);
        var id = clientId is not null
            ? "client:" + clientId
            : principal.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } subject ? "user:" + subject
            : name is { Length: > 0 } ? "user:" + name
            : throw new InvalidOperationException("The caller carries no identity (no client_id, name identifier or name claim): an approval cannot be attributed.");
        var roles = new HashSet<PortalRole>();
        foreach (var claim in principal.FindAll(ClaimTypes.Role))
        {
            if (claim.Value == AdministratorTokenRole)
                roles.Add(PortalRole.PlatformAdministrator);
            else if (Enum.TryParse<PortalRole>(claim.Value, ignoreCase: false, out var role) && Enum.IsDefined(role))
                roles.Add(role);
        }
        // A management client holding spbe.admin is the platform's automation: on the admin API it acts with the
        // platform administrator's authority (submitting, emergency acts), never as a reviewer of a feasibility stage.
        if (clientId is not null && principal.HasClaim("scope", Contracts.ManagementScopes.Admin))
            roles.Add(PortalRole.PlatformAdministrator);
        return new ActorIdentity(id, clientId ?? name ?? id, roles, principal.FindFirstValue(OpdClaim));
    }

    public bool Holds(IEnumerable<PortalRole> roles) => roles.Any(Roles.Contains);
}
