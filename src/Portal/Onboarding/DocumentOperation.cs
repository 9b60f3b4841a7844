namespace SpbeConnector.Portal.Onboarding;

/// <summary>
/// One operation of an OpenAPI document as a reviewer reads it: method, path, summary, parameters ("name (in)"), the
/// schemas its request body names, the OAuth scopes it requires. <see cref="Fingerprint"/> is the operation's own JSON
/// (with the path's shared parameters), so that any change to it, shown here or not, counts as a change in a diff.
/// </summary>
public sealed record DocumentOperation(
    string Method,
    string Path,
    string? Summary,
    IReadOnlyList<string> Parameters,
    IReadOnlyList<string> RequestBodySchemas,
    IReadOnlyList<string> Scopes,
    string Fingerprint)
{
    /// <summary>"GET /penduduk/{nik}": what identifies an operation between two revisions.</summary>
    public string Key => Method + " " + Path;
}
