using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpbeConnector.Registry.AdminApi.Security;

/// <summary>Authenticates the administrator token against its stored digest, in constant time.</summary>
public sealed class AdminTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminCredential credential)
    : BearerTokenAuthenticationHandler(options, logger, encoder)
{
    protected override string Identity => "administrator";
    protected override string Role => "platform-admin";
    protected override string Realm => "spbe-admin";

    protected override bool Matches(string token) => credential.Matches(token);
}
