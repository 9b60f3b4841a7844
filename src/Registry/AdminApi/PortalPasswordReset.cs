namespace SpbeConnector.Registry.AdminApi;

/// <summary>Recovery through an administrator (Pasal 59 ayat (4) huruf e): a temporary password to replace at the next login.</summary>
public sealed record PortalPasswordReset(string TemporaryPassword);
