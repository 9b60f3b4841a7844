using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>A new portal account; its user must replace the temporary password at the first login.</summary>
public sealed record PortalAccountRequest(string Username, string DisplayName, PortalRole Role, string? OpdCode, string TemporaryPassword);
