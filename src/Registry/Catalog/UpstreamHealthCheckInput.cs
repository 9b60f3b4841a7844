namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// Active health checks of an API's upstream instances: the gateway calls <paramref name="Path"/> on each instance every
/// <paramref name="Interval"/> (10 s when not given) and takes an instance that fails twice in a row out of rotation
/// until it answers again.
/// </summary>
public sealed record UpstreamHealthCheckInput(string Path, TimeSpan? Interval = null)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);
}
