namespace SpbeConnector.Policies.Routing;

/// <summary>
/// Tells the steps that prepare something per API (schema validation's compiled contracts) which APIs a reload of the
/// routes changed. The route provider announces a change before it hands YARP the new routes, so that preparation
/// starts before the first request on them. The steps read an API's facts from its route (<see cref="RoutedApi"/>),
/// never from here.
/// </summary>
public sealed class RoutedApiChanges
{
    /// <summary>Raised with what each reload changed.</summary>
    public event Action<RoutedApiChange>? Changed;

    public void Announce(RoutedApiChange change) => Changed?.Invoke(change);
}
