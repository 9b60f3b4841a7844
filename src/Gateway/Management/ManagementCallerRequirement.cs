using Microsoft.AspNetCore.Authorization;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Gateway.Management;

/// <summary>
/// Who may call a management interface: a person signed in to the portal with one of <paramref name="Roles"/>, or a
/// management client whose token holds <paramref name="Scope"/>.
/// </summary>
public sealed record ManagementCallerRequirement(IReadOnlySet<PortalRole> Roles, string Scope) : IAuthorizationRequirement
{
    public ManagementCallerRequirement(PortalRole role, string scope) : this(new HashSet<PortalRole> { role }, scope)
    {
    }
}
