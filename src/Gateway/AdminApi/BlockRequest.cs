namespace SpbeConnector.Gateway.AdminApi;

/// <summary>A block an administrator sets: the subject (<c>ip:203.0.113.7</c> or <c>client:abc</c>), for how long, and why.</summary>
public sealed record BlockRequest(string Subject, TimeSpan Duration, string Reason);
