namespace SpbeConnector.Registry.AdminApi;

/// <summary>Disables (ending its sessions) or re-enables a portal account.</summary>
public sealed record PortalAccountStatusChange(bool Disabled);
