namespace SpbeConnector.Registry.Domain;

/// <summary>
/// A stricter limit for one operation of an API (method and path template relative to the API's base path, for
/// example <c>POST /laporan/{id}/lampiran</c>), counted per client application in addition to its plan: expensive
/// or sensitive functions get their own bound on continuous access (Pasal 59 ayat (13) huruf c-e).
/// </summary>
public sealed class ApiOperationLimit
{
    public Guid ApiId { get; set; }

    /// <summary>Upper-case HTTP method, or <c>*</c> for every method.</summary>
    public string Method { get; set; } = "";

    /// <summary>Path relative to the API's base, with <c>{name}</c> standing for one path segment.</summary>
    public string PathTemplate { get; set; } = "";

    public long RequestsPerMinute { get; set; }
}
