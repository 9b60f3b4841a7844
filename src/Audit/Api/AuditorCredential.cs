using SpbeConnector.Registry.AdminApi.Security;

namespace SpbeConnector.Audit.Api;

/// <summary>
/// The security team's credential for the audit API (<c>Audit:AuditorToken</c>, or generated and shown once), kept as
/// a digest in <c>{data}/auditor-credential.json</c>. Separate from the administrator's: whoever administers the
/// gateway is recorded in the log and cannot read it (Pasal 59 ayat (9) huruf e: logs protected from unauthorised
/// access). Accounts with an auditor role replace it when the portal's accounts exist.
/// </summary>
public sealed class AuditorCredential(HashedTokenCredential token)
{
    public const string FileName = "auditor-credential.json";

    public string? NewlyGeneratedToken => token.NewlyGeneratedToken;

    public bool Matches(string presented) => token.Matches(presented);

    public static AuditorCredential Load(string dataDirectory, string? configuredToken) =>
        new(HashedTokenCredential.Load(Path.Combine(dataDirectory, FileName), configuredToken, "Audit:AuditorToken"));
}
