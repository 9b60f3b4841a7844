namespace SpbeConnector.Gateway.Compliance;

/// <summary>The CycloneDX SBOM as read now: its bytes, their SHA-256 (lower-case hex) and how many components it lists.</summary>
public sealed record SbomSnapshot(string Path, byte[] Content, string Sha256, int Components, string SpecVersion);
