namespace SpbeConnector.Gateway.Compliance;

/// <summary>A package of the build with a published advisory: its id, resolved version, severity and advisory address.</summary>
public sealed record VulnerablePackage(string Package, string Version, string Severity, string Advisory)
{
    public override string ToString() => $"{Package} {Version} ({Severity})";
}
