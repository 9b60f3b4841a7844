namespace SpbeConnector.Registry.AdminApi;

/// <summary>The active health check of an API's upstream instances: the path probed and how often.</summary>
public sealed record UpstreamHealthCheckResponse(string Path, TimeSpan Interval);
