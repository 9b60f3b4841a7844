using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.OAuth;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.AdminApi.Security;

/// <summary>
/// Authenticates a management client by an access token of this server's own (RFC 9068): valid signature, issuer,
/// type and lifetime; not revoked; bound to the client certificate presented when it names one (RFC 8705); of a client
/// that is still enabled and still a management client. The identity carries each management scope the token holds
/// <em>and</em> the client still may have, for the audience the token names: taking the flag or a scope away, or
/// disabling the client, takes effect at the next request (the store is read each time: the management interfaces
/// see little traffic). A token that fails is itself an audit event (Pasal 59 ayat (9) huruf d).
/// </summary>
public sealed class ManagementClientAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    LocalTokenReader reader,
    IDbContextFactory<RegistryDbContext> contexts,
    IssuerIdentity issuer)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var token = await reader.ReadAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        var (clientId, scopes, failure) = token is null ? (null, [], "not a valid access token of this gateway") : await CheckAsync(token);
        if (failure is not null)
        {
            await RecordRefusedAsync(clientId, failure);
            return AuthenticateResult.Fail($"The management token is refused: {failure}.");
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, AdministrativeActor.Client(clientId!)),
            new(ManagementCallerDefaults.ClientIdClaim, clientId!),
        };
        claims.AddRange(scopes.Select(s => new Claim(ManagementCallerDefaults.ScopeClaim, s)));
        // A management client holding spbe.admin is the platform's automation: it acts with the platform administrator's
        // authority (submitting, emergency acts; never a feasibility stage, which reviewers decide). The role is issued
        // here, with the scope, so that every reader of roles (the approval workflow, authorization) sees the same thing.
        if (scopes.Contains(ManagementScopes.Admin))
            claims.Add(new Claim(ClaimTypes.Role, nameof(PortalRole.PlatformAdministrator)));
        var identity = new ClaimsIdentity(claims, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    private async Task<(string? ClientId, IReadOnlyList<string> Scopes, string? Failure)> CheckAsync(JsonWebToken token)
    {
        if (!token.TryGetPayloadValue<string>("client_id", out var clientId) || string.IsNullOrEmpty(clientId))
            return (null, [], "no client_id");
        if (token.TryGetPayloadValue<Dictionary<string, object>>("cnf", out var cnf) && cnf.TryGetValue("x5t#S256", out var bound)
            && (Context.Connection.ClientCertificate is not { } presented || CertificateThumbprint.Of(presented) != bound?.ToString()))
            return (clientId, [], "certificate-bound token without its certificate");
        var granted = (token.TryGetPayloadValue<string>("scope", out var scope) ? scope : "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => ManagementScopes.All.Contains(s) && token.Audiences.Contains(ManagementScopes.Audience(issuer.Issuer, s)))
            .ToList();
        if (granted.Count == 0)
            return (clientId, [], "no management scope for a management interface");

        await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
        if (await db.RevokedTokens.AnyAsync(r => r.TokenId == token.Id, Context.RequestAborted))
            return (clientId, [], "revoked");
        var client = await db.Clients.AsNoTracking().Where(c => c.ClientId == clientId)
            .Select(c => new { c.Status, c.IsManagementClient, c.ManagementScopes }).SingleOrDefaultAsync(Context.RequestAborted);
        if (client is not { Status: ClientStatus.Enabled, IsManagementClient: true })
            return (clientId, [], "the client is disabled, unknown or no longer a management client");
        var current = granted.Where(client.ManagementScopes.Contains).ToList();
        return current.Count == 0 ? (clientId, [], "the client no longer holds the token's management scopes") : (clientId, current, null);
    }

    private async Task RecordRefusedAsync(string? clientId, string failure)
    {
        if (Context.RequestServices.GetService<IAuditTrail>() is not { } audit)
            return;
        await audit.AppendAsync(new AuditEvent("admin", "authenticate", "refused", Actor: clientId is null ? "unknown" : AdministrativeActor.Client(clientId),
            Target: Request.Path.Value, Status: StatusCodes.Status401Unauthorized, RequestId: Context.TraceIdentifier,
            SourceIp: Context.Connection.RemoteIpAddress?.ToString(), ClientId: clientId,
            Details: new Dictionary<string, string?> { ["cause"] = failure }), Context.RequestAborted);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"spbe-management\"";
        return Task.CompletedTask;
    }
}
