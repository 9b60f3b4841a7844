namespace SpbeConnector.Registry.Domain;

/// <summary>Lifecycle of an API in the registry. Only <see cref="Published"/> and <see cref="Deprecated"/> APIs are routed.</summary>
public enum ApiStatus
{
    Draft,
    Submitted,
    Approved,
    Published,
    Deprecated,
    Retired,
    /// <summary>Taken out of service at once by an emergency act; back to Published only by a security reviewer.</summary>
    Suspended,
}
