using System.Reflection;
using SpbeConnector.Registry.Compliance;

namespace SpbeConnector.Gateway.Compliance;

/// <summary>The build this gateway runs: the commit stamped into the assembly at build time (Gateway.csproj,
/// <c>SourceCommit</c> metadata) and the digest of the SBOM found by <see cref="SbomFile"/>.</summary>
public sealed class GatewayBuildSource(SbomFile sbom) : IComplianceBuildSource
{
    public static readonly string Commit = typeof(GatewayBuildSource).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "SourceCommit")?.Value is { Length: > 0 } commit ? commit : "unknown";

    public ComplianceBuild Read()
    {
        SbomSnapshot? found;
        try
        {
            found = sbom.Read();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            found = null; // the sbom check says why
        }
        return new ComplianceBuild(Commit, found?.Sha256, found?.Components);
    }
}
