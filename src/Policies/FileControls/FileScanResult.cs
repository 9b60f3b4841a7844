namespace SpbeConnector.Policies.FileControls;

/// <summary>A scan's verdict and, for operators only, the signature found or the reason there is no verdict.</summary>
public sealed record FileScanResult(FileScanVerdict Verdict, string? Detail = null)
{
    public static readonly FileScanResult Clean = new(FileScanVerdict.Clean);
}
