namespace SpbeConnector.Registry.Compliance;

/// <summary>Tells the report which build is running; the host provides it, since only it knows its own binaries.</summary>
public interface IComplianceBuildSource
{
    ComplianceBuild Read();
}
