namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// The fields of a client application set at registration. The client id is generated unless given; the OPD and the
/// client id never change.
/// </summary>
public sealed record ClientInput(string OpdCode, string Name, string? Description, string? ClientId = null, bool MayIntrospect = false);
