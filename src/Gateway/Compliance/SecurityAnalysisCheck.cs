using SpbeConnector.Registry.Contracts.Compliance;

namespace SpbeConnector.Gateway.Compliance;

/// <summary>
/// A check that judges the security analysis of <c>scripts/analyze.sh</c> (<see cref="SecurityAnalysisFile"/>): a file
/// that cannot be read proves nothing, so its items are not met, naming the script that writes it.
/// </summary>
public abstract class SecurityAnalysisCheck(SecurityAnalysisFile file) : IComplianceCheck
{
    public abstract string Name { get; }

    public Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken)
    {
        SecurityAnalysis? analysis;
        try
        {
            analysis = file.Read();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(ComplianceFinding.NotMet($"The security analysis cannot be read ({ex.Message}): run scripts/analyze.sh.",
                $"Hasil analisis keamanan tidak dapat dibaca ({ex.Message}): jalankan scripts/analyze.sh."));
        }
        return Task.FromResult(Judge(analysis, file.Path));
    }

    /// <summary>The finding on the analysis read now (null: there is no file at <paramref name="path"/>).</summary>
    protected abstract ComplianceFinding Judge(SecurityAnalysis? analysis, string path);
}
