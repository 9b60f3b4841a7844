namespace SpbeConnector.Policies.FileControls;

/// <summary>The outcome of a virus scan.</summary>
public enum FileScanVerdict
{
    Clean,
    Infected,
    /// <summary>No verdict: the scanner could not be reached, timed out, or refused the file (too large for it).</summary>
    Unavailable,
}
