namespace SpbeConnector.Registry.Compliance;

/// <summary>The APIs the report lists with their dossier in brief (every API not retired).</summary>
public interface IComplianceApiSource
{
    Task<IReadOnlyList<ComplianceApiEntry>> ListAsync(CancellationToken cancellationToken);
}
