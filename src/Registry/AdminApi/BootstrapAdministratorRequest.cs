namespace SpbeConnector.Registry.AdminApi;

/// <summary>The first platform administrator, who chooses their own password (no change forced at the first login).</summary>
public sealed record BootstrapAdministratorRequest(string Username, string? DisplayName, string Password);
