namespace SpbeConnector.Registry.Catalog;

/// <summary>The fields of an OPD an administrator sets.</summary>
public sealed record OpdInput(string Code, string Name, string? TenantDomain);
