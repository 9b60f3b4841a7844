using Microsoft.AspNetCore.Authorization;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Gateway.Management;

/// <summary>
/// Who may call a management interface: a person signed in to the portal holding one of <paramref name="Roles"/>, or a
/// management client whose token holds <paramref name="Scope"/>.
/// </summary>
public sealed record ManagementCallerRequirement(IReadOnlyList<PortalRole> Roles, string Scope) : IAuthorizationRequirement;
