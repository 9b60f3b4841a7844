namespace SpbeConnector.Registry.Domain;

/// <summary>Whether a client application may obtain and use tokens.</summary>
public enum ClientStatus
{
    Enabled,
    Disabled,
}
