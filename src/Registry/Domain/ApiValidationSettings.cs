namespace SpbeConnector.Registry.Domain;

/// <summary>
/// How strictly the gateway checks the input of one API before it reaches the OPD's service (Pasal 59 ayat (7)
/// huruf a, b, d and ayat (15) huruf d, e; Pasal 60 ayat (3) huruf g, ayat (5) huruf c-e), how it treats cookies
/// (ayat (5) huruf d) and files (Pasal 59 ayat (14); Pasal 60 ayat (2) huruf d, ayat (3) huruf l). Immutable:
/// a change replaces the whole value. <see cref="Default"/> is what a new API gets; every default is the safe one.
/// </summary>
public sealed record ApiValidationSettings
{
    public static readonly ApiValidationSettings Default = new();

    /// <summary>Refuse query parameters the OpenAPI document does not declare for the operation.</summary>
    public bool StrictQuery { get; init; } = true;

    /// <summary>Largest JSON or form body accepted, in bytes.</summary>
    public int MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Deepest nesting of arrays and objects accepted in a JSON body.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Longest JSON string (property names included) accepted, in bytes as sent, escapes included.</summary>
    public int MaxStringBytes { get; init; } = 64 * 1024;

    /// <summary>Most elements accepted in one JSON array.</summary>
    public int MaxArrayLength { get; init; } = 10_000;

    /// <summary>Whether responses of the OPD's service are checked against the document.</summary>
    public ResponseValidationMode ResponseValidation { get; init; } = ResponseValidationMode.Off;

    /// <summary>How clients of this API hold their session: bearer tokens (the default) or browser cookies.</summary>
    public SessionMode Sessions { get; init; } = SessionMode.Token;

    /// <summary>For a token-authenticated API: pass the client's cookies to the upstream (they are dropped otherwise).</summary>
    public bool ForwardCookies { get; init; }

    /// <summary>For a cookie-session API: the browser origins (<c>https://host[:port]</c>) allowed to send unsafe requests.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>Media types accepted for uploaded files; each must be one whose content signature the gateway knows.</summary>
    public IReadOnlyList<string> AllowedFileTypes { get; init; } = ["application/pdf", "image/png", "image/jpeg"];

    /// <summary>Largest single file (a multipart part or a binary body), in bytes.</summary>
    public int MaxFileBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Most files in one request.</summary>
    public int MaxFilesPerRequest { get; init; } = 5;

    /// <summary>Most files one client may upload to this API per <see cref="FileQuotaWindow"/> (Pasal 59 ayat (14) huruf a).</summary>
    public int MaxFilesPerClient { get; init; } = 200;

    /// <summary>Most bytes of files one client may upload to this API per <see cref="FileQuotaWindow"/>.</summary>
    public long MaxFileBytesPerClient { get; init; } = 500L * 1024 * 1024;

    /// <summary>The window of the per-client file quotas.</summary>
    public TimeSpan FileQuotaWindow { get; init; } = TimeSpan.FromDays(1);

    /// <summary>What happens to a file when the virus scanner cannot be reached: refused (the default) or let through.</summary>
    public ScannerOutageMode ScannerOutage { get; init; } = ScannerOutageMode.FailClosed;
}
