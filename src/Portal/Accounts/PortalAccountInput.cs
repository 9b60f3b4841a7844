using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Accounts;

/// <summary>A new portal account as an administrator (or the command line) describes it.</summary>
public sealed record PortalAccountInput(string Username, string DisplayName, PortalRole Role, string? OpdCode, string Password);
