namespace SpbeConnector.Registry.Catalog;

/// <summary>The change collides with what is stored (a duplicate code, a lifecycle move that is not allowed).</summary>
public sealed class RegistryConflictException(string message) : Exception(message);
