using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Registry.AdminApi.Security;

/// <summary>
/// Authenticates the first-start token against its stored digest, in constant time. Only the bootstrap endpoint uses
/// this scheme, and that endpoint refuses once an administrator exists.
/// </summary>
public sealed class BootstrapTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    BootstrapCredential credential)
    : BearerTokenAuthenticationHandler(options, logger, encoder)
{
    public const string Role = "bootstrap";

    protected override string Identity => AdministrativeActor.Bootstrap;
    protected override string GrantedRole => Role;
    protected override string Realm => "spbe-admin";

    protected override bool Matches(string token) => credential.Matches(token);
}
