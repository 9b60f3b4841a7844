using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Registry.AdminApi.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against one credential and grants one role. A wrong token
/// presented is itself an audit event (Pasal 59 ayat (9) huruf d: what an investigation needs includes failed access).
/// </summary>
public abstract class BearerTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Who the token stands for (the claim name, and the actor in audit records).</summary>
    protected abstract string Identity { get; }

    protected abstract string GrantedRole { get; }

    protected abstract string Realm { get; }

    protected abstract bool Matches(string token);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        if (!Matches(header["Bearer ".Length..].Trim()))
        {
            if (Context.RequestServices.GetService<IAuditTrail>() is { } audit)
            {
                await audit.AppendAsync(new AuditEvent(Identity, "authenticate", "refused", Actor: "unknown",
                    Target: Request.Path.Value, Status: StatusCodes.Status401Unauthorized, RequestId: Context.TraceIdentifier,
                    SourceIp: Context.Connection.RemoteIpAddress?.ToString()), Context.RequestAborted);
            }
            return AuthenticateResult.Fail($"The {Identity} token does not match.");
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, Identity), new Claim(ClaimTypes.Role, GrantedRole)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"Bearer realm=\"{Realm}\"";
        return Task.CompletedTask;
    }
}
