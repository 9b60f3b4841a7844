namespace SpbeConnector.Registry.Compliance;

/// <summary>
/// What was built and is running: the commit the binaries were built from (<c>unknown</c> when the build had no git),
/// and the SHA-256 (hex) and component count of the CycloneDX SBOM that describes them, null when none is installed.
/// The reviewer can match the report to a source tree and to the list of its dependencies (Pasal 59 ayat (12) huruf b).
/// </summary>
public sealed record ComplianceBuild(string Commit, string? SbomSha256, int? SbomComponents)
{
    public static readonly ComplianceBuild Unknown = new("unknown", null, null);
}
