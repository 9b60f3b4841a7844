namespace SpbeConnector.Registry.Domain;

/// <summary>What happens to an uploaded file when the virus scanner cannot give a verdict (Pasal 60 ayat (3) huruf l).</summary>
public enum ScannerOutageMode
{
    /// <summary>The request is refused with 503: no unscanned file reaches the OPD's service.</summary>
    FailClosed,
    /// <summary>The request passes; the exchange records that the file was not scanned.</summary>
    FailOpen,
}
