using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// <c>POST /oauth2/token</c> (RFC 6749 section 3.2): authenticates the client, applies the client credentials grant
/// and answers with a Bearer access token, or with an error exactly as section 5.2 defines. Every answer, token or
/// refusal, is appended to the audit log (Pasal 59 ayat (9) huruf d and e: who obtained access to what, and who tried
/// and failed), with the token's id so that each later exchange can be traced to the issuance of its token.
/// </summary>
public sealed partial class TokenEndpoint(
    ClientAuthenticator authenticator,
    ClientCredentialsGrant grant,
    AccessTokenFactory tokens,
    IssuerIdentity issuer,
    ILogger<TokenEndpoint> logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        if (await authenticator.ReadAuthenticatedRequestAsync(http, issuer.Issuer, "resource") is not ({ } form, { } client))
        {
            await RecordAsync(http, "refused", clientId: null, details: null);
            return;
        }

        var grantType = ClientAuthenticator.Single(form, "grant_type");
        if (grantType is null)
        {
            await OAuthResponses.WriteErrorAsync(http, OAuthError.InvalidRequest("grant_type is required."), issuer.Issuer);
            await RecordAsync(http, "refused", client.ClientId, new Dictionary<string, string?> { ["error"] = "invalid_request" });
            return;
        }
        if (grantType != "client_credentials")
        {
            await OAuthResponses.WriteErrorAsync(http, OAuthError.UnsupportedGrantType("Only the client_credentials grant is supported."), issuer.Issuer);
            await RecordAsync(http, "refused", client.ClientId, new Dictionary<string, string?> { ["error"] = "unsupported_grant_type" });
            return;
        }

        var resources = form.TryGetValue("resource", out var r) ? r.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToArray() : [];
        var (decided, grantError) = await grant.DecideAsync(client, ClientAuthenticator.Single(form, "scope"), resources, ct);
        if (decided is null)
        {
            LogRefused(client.ClientId, grantError!.Error);
            await OAuthResponses.WriteErrorAsync(http, grantError, issuer.Issuer);
            await RecordAsync(http, "refused", client.ClientId, new Dictionary<string, string?> { ["error"] = grantError.Error });
            return;
        }

        // RFC 8705 section 3: a token obtained over mutual TLS is bound to the client certificate presented.
        var certificate = http.Connection.ClientCertificate is { } presented ? CertificateThumbprint.Of(presented) : null;
        var token = tokens.Create(client.ClientId, decided.Audiences, decided.Scopes, certificate);
        LogIssued(client.ClientId, client.Method, token.TokenId, string.Join(' ', decided.Audiences));
        // Recorded before the token is handed out: in strict mode no token exists that the log does not know of.
        await RecordAsync(http, "succeeded", client.ClientId, new Dictionary<string, string?>
        {
            ["tokenId"] = token.TokenId,
            ["audiences"] = string.Join(' ', decided.Audiences),
            ["scope"] = string.Join(' ', decided.Scopes),
            ["authMethod"] = client.Method,
            ["certificateBound"] = certificate is null ? "false" : "true",
        });
        await OAuthResponses.WriteAsync(http, StatusCodes.Status200OK, new TokenResponse(token.Token, "Bearer", token.ExpiresIn, decided.Scopes.Count > 0 ? string.Join(' ', decided.Scopes) : null));
    }

    private static async Task RecordAsync(HttpContext http, string outcome, string? clientId, Dictionary<string, string?>? details)
    {
        // The audit log is part of the gateway host; a registry hosted without it (tools, some tests) issues unrecorded.
        if (http.RequestServices.GetService<IAuditTrail>() is not { } audit)
            return;
        await audit.AppendAsync(new AuditEvent(
            "token",
            "issue",
            outcome,
            Actor: clientId,
            Target: "/oauth2/token",
            Status: http.Response.HasStarted || outcome != "succeeded" ? http.Response.StatusCode : StatusCodes.Status200OK,
            RequestId: http.TraceIdentifier,
            SourceIp: http.Connection.RemoteIpAddress?.ToString(),
            ClientId: clientId,
            Details: details), http.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Access token {TokenId} issued to {ClientId} ({Method}) for {Audiences}")]
    private partial void LogIssued(string clientId, string method, string tokenId, string audiences);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token request of {ClientId} refused: {Error}")]
    private partial void LogRefused(string clientId, string error);
}
