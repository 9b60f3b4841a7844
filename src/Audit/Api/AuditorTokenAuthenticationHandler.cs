using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.AdminApi.Security;

namespace SpbeConnector.Audit.Api;

/// <summary>Authenticates the auditor token against its stored digest, in constant time.</summary>
public sealed class AuditorTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AuditorCredential credential)
    : BearerTokenAuthenticationHandler(options, logger, encoder)
{
    protected override string Identity => "auditor";
    protected override string Role => AuditApiDefaults.Role;
    protected override string Realm => "spbe-audit";

    protected override bool Matches(string token) => credential.Matches(token);
}
