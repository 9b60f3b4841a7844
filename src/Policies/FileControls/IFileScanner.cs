namespace SpbeConnector.Policies.FileControls;

/// <summary>Scans a file's content for malicious code (Pasal 59 ayat (14) huruf d; Pasal 60 ayat (3) huruf l).</summary>
public interface IFileScanner
{
    /// <summary>Never throws for scanner trouble: an unreachable or failing scanner is <see cref="FileScanVerdict.Unavailable"/>.</summary>
    Task<FileScanResult> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}
