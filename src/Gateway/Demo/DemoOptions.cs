namespace SpbeConnector.Gateway.Demo;

/// <summary>The first-run demo (section <c>Demo</c>): two OPDs and a published sample API on a loopback upstream.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seeds the demo into an empty registry and starts its sample upstream. Turn off in production.</summary>
    public bool Enabled { get; set; } = true;
}
