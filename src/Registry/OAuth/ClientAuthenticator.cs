using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// Client authentication at the protocol endpoints (RFC 6749 section 2.3; Pasal 60 ayat (3) huruf d):
/// <c>client_secret_basic</c> (credentials form-urlencoded in an HTTP Basic header, section 2.3.1) or
/// <c>client_secret_post</c> (in the body). A request using more than one method is refused.
/// </summary>
public sealed partial class ClientAuthenticator(
    IDbContextFactory<RegistryDbContext> contexts,
    ClientAuthenticationThrottle throttle,
    TimeProvider clock,
    ILogger<ClientAuthenticator> logger)
{
    public const string SecretBasic = "client_secret_basic";
    public const string SecretPost = "client_secret_post";

    /// <summary>The client id the request claims, before authentication: used for brute-force accounting.</summary>
    public static string? ClaimedClientId(HttpRequest request, IFormCollection form) =>
        TryReadBasic(request, out var id, out _) ? id : Single(form, "client_id");

    /// <summary>
    /// Reads a protocol request's form and authenticates its client; on failure writes the RFC 6749 section 5.2 error
    /// and returns null. Shared by the token, introspection and revocation endpoints.
    /// </summary>
    public async Task<(IFormCollection Form, AuthenticatedClient Client)?> ReadAuthenticatedRequestAsync(HttpContext http, string realm, params string[] multiValued)
    {
        var (form, error) = await ProtocolForm.ReadAsync(http.Request, multiValued, http.RequestAborted);
        AuthenticatedClient? client = null;
        if (form is not null)
            (client, error) = await AuthenticateAsync(http.Request, form, http.RequestAborted);
        if (client is null)
        {
            await OAuthResponses.WriteErrorAsync(http, error!, realm);
            return null;
        }
        return (form!, client);
    }

    /// <summary>Authenticates the client of a protocol request, under the brute-force limits.</summary>
    public async Task<(AuthenticatedClient? Client, OAuthError? Error)> AuthenticateAsync(HttpRequest request, IFormCollection form, CancellationToken ct)
    {
        var claimed = ClaimedClientId(request, form);
        var address = request.HttpContext.Connection.RemoteIpAddress?.ToString();
        if (throttle.Blocked(claimed, address) is { } wait)
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (null, OAuthError.TooManyAttempts("Too many failed client authentications; retry after the time given in Retry-After."));
        }
        var (client, error) = await AuthenticateOnceAsync(request, form, ct);
        if (client is not null)
            throttle.RecordSuccess(client.ClientId);
        else if (error!.Error == "invalid_client")
            throttle.RecordFailure(claimed, address);
        return (client, error);
    }

    private async Task<(AuthenticatedClient? Client, OAuthError? Error)> AuthenticateOnceAsync(HttpRequest request, IFormCollection form, CancellationToken ct)
    {
        var basic = request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        var postSecret = Single(form, "client_secret");
        var bodyId = Single(form, "client_id");
        if (basic && postSecret is not null)
            return (null, OAuthError.InvalidRequest("The request uses more than one client authentication method (RFC 6749 section 2.3)."));

        string? clientId, secret, method;
        if (basic)
        {
            if (!TryReadBasic(request, out clientId, out secret))
                return (null, OAuthError.InvalidClient("The Basic credentials are malformed."));
            if (bodyId is not null && bodyId != clientId)
                return (null, OAuthError.InvalidRequest("client_id in the body differs from the authenticated client."));
            method = SecretBasic;
        }
        else if (postSecret is not null)
        {
            (clientId, secret, method) = (bodyId, postSecret, SecretPost);
            if (clientId is null)
                return (null, OAuthError.InvalidRequest("client_secret_post needs client_id in the body."));
        }
        else
        {
            return (null, OAuthError.InvalidClient("Client authentication is required: client_secret_basic or client_secret_post."));
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var client = await db.Clients.AsNoTracking().Include(c => c.Secrets).Include(c => c.Opd)
            .SingleOrDefaultAsync(c => c.ClientId == clientId, ct);
        var now = clock.GetUtcNow();
        if (client is null || client.Status != ClientStatus.Enabled
            || !client.Secrets.Any(s => s.IsActiveAt(now) && ClientSecretHasher.Verify(secret!, s.Hash)))
        {
            LogAuthenticationFailed(clientId!, method, client is null ? "unknown client" : client.Status != ClientStatus.Enabled ? "client disabled" : "secret does not match");
            return (null, OAuthError.InvalidClient("Client authentication failed."));
        }
        return (new AuthenticatedClient(client.Id, client.ClientId, client.Opd!.Code, client.MayIntrospect, method), null);
    }

    /// <summary>RFC 6749 section 2.3.1: the client id and secret are form-urlencoded before Basic encoding.</summary>
    private static bool TryReadBasic(HttpRequest request, out string? clientId, out string? secret)
    {
        clientId = secret = null;
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0)
            return false;
        clientId = WebUtility.UrlDecode(decoded[..colon]);
        secret = WebUtility.UrlDecode(decoded[(colon + 1)..]);
        return secret.Length > 0;
    }

    /// <summary>A parameter present once; absent or empty gives null (RFC 6749 section 3.2: no parameter twice).</summary>
    internal static string? Single(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client authentication failed for client id {ClientId} ({Method}): {Cause}")]
    private partial void LogAuthenticationFailed(string clientId, string method, string cause);
}
