namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// A management client of the platform (an automation such as a deployment script): a name, and the management scopes
/// (<c>spbe.admin</c>, <c>spbe.audit</c>) it may obtain. It belongs to no OPD and subscribes to no API.
/// </summary>
public sealed record ManagementClientInput(string Name, string? Description, IReadOnlyList<string> Scopes);
