using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// Client authentication at the protocol endpoints (RFC 6749 section 2.3; Pasal 60 ayat (3) huruf d):
/// <c>client_secret_basic</c> (credentials form-urlencoded in an HTTP Basic header, section 2.3.1),
/// <c>client_secret_post</c> (in the body), <c>private_key_jwt</c> (a signed assertion, RFC 7523) or
/// <c>tls_client_auth</c> (a certificate of a trusted CA with the registered subject, RFC 8705 section 2.1) or
/// <c>self_signed_tls_client_auth</c> (a registered certificate over mutual TLS, section 2.2); Pasal 60 ayat (3)
/// huruf i. A request using more than one method is refused.
/// </summary>
public sealed partial class ClientAuthenticator(
    IDbContextFactory<RegistryDbContext> contexts,
    ClientAuthenticationThrottle throttle,
    PrivateKeyJwtVerifier assertions,
    ClientCertificateVerifier certificates,
    IClientSecretVerifier secrets,
    ClientSecretHasher hasher,
    TimeProvider clock,
    ILogger<ClientAuthenticator> logger)
{
    public const string SecretBasic = "client_secret_basic";
    public const string SecretPost = "client_secret_post";
    public const string PrivateKeyJwt = "private_key_jwt";
    public const string SelfSignedTlsClientAuth = "self_signed_tls_client_auth";
    public const string TlsClientAuth = "tls_client_auth";

    /// <summary>Every method offered, as the server's metadata announces them.</summary>
    public static readonly IReadOnlyList<string> Methods = [SecretBasic, SecretPost, PrivateKeyJwt, TlsClientAuth, SelfSignedTlsClientAuth];

    /// <summary>The client id the request claims, before authentication: used for brute-force accounting.</summary>
    public static string? ClaimedClientId(HttpRequest request, IFormCollection form) =>
        TryReadBasic(request, out var id, out _) ? id
        : Single(form, "client_id") ?? (Single(form, "client_assertion") is { } assertion ? PrivateKeyJwtVerifier.ClaimedClientId(assertion) : null);

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
        var address = request.HttpContext.Connection.RemoteIpAddress;
        if (throttle.Blocked(claimed, address) is { } wait)
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (null, OAuthError.TooManyAttempts("Too many failed client authentications; retry after the time given in Retry-After."));
        }
        var (client, error) = await AuthenticateOnceAsync(request, form, ct);
        if (client is not null)
            throttle.RecordSuccess(client.ClientId, address);
        else if (error!.Error == "invalid_client")
            throttle.RecordFailure(claimed, address);
        return (client, error);
    }

    private async Task<(AuthenticatedClient? Client, OAuthError? Error)> AuthenticateOnceAsync(HttpRequest request, IFormCollection form, CancellationToken ct)
    {
        var basic = request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        var postSecret = Single(form, "client_secret");
        var assertion = Single(form, "client_assertion");
        var bodyId = Single(form, "client_id");
        if ((basic ? 1 : 0) + (postSecret is null ? 0 : 1) + (assertion is null ? 0 : 1) > 1)
            return (null, OAuthError.InvalidRequest("The request uses more than one client authentication method (RFC 6749 section 2.3)."));

        string? clientId, secret = null, method;
        if (basic)
        {
            if (!TryReadBasic(request, out clientId, out secret))
                return (null, OAuthError.InvalidClient("The Basic credentials are malformed."));
            method = SecretBasic;
        }
        else if (postSecret is not null)
        {
            (clientId, secret, method) = (bodyId, postSecret, SecretPost);
        }
        else if (assertion is not null)
        {
            if (Single(form, "client_assertion_type") != PrivateKeyJwtVerifier.AssertionType)
                return (null, OAuthError.InvalidRequest($"client_assertion_type must be {PrivateKeyJwtVerifier.AssertionType}."));
            (clientId, method) = (PrivateKeyJwtVerifier.ClaimedClientId(assertion) ?? bodyId, PrivateKeyJwt);
        }
        else if (request.HttpContext.Connection.ClientCertificate is not null && bodyId is not null)
        {
            // Mutual TLS: the client's registration says which kind (a CA-issued subject, or registered certificates).
            (clientId, method) = (bodyId, SelfSignedTlsClientAuth);
        }
        else
        {
            return (null, OAuthError.InvalidClient("Client authentication is required: client_secret_basic, client_secret_post, private_key_jwt or self_signed_tls_client_auth."));
        }
        if (clientId is null)
            return (null, OAuthError.InvalidRequest($"{method} needs client_id in the body."));
        if (bodyId is not null && bodyId != clientId)
            return (null, OAuthError.InvalidRequest("client_id in the body differs from the authenticated client."));

        await using var db = await contexts.CreateDbContextAsync(ct);
        var client = await db.Clients.AsNoTracking().Include(c => c.Secrets).Include(c => c.Opd)
            .SingleOrDefaultAsync(c => c.ClientId == clientId, ct);
        var now = clock.GetUtcNow();
        // The secret is checked before the client's existence and status decide anything, with the same hashing work
        // either way: otherwise the answer's timing tells which client ids exist (an unknown id answered at once, a
        // known one after PBKDF2), and enumerated ids are what a guessing attack needs (Pasal 59 ayat (4) huruf d).
        var secretFailure = method is SecretBasic or SecretPost ? CheckSecret(client, secret!, now) : null;
        var failure = client is null ? "unknown client"
            : client.Status != ClientStatus.Enabled ? "client disabled"
            : method switch
            {
                SecretBasic or SecretPost => secretFailure,
                PrivateKeyJwt => await assertions.VerifyAsync(client, assertion!, ct),
                _ when client.TlsClientAuthSubjectDn is not null => certificates.Verify(request.HttpContext.Connection.ClientCertificate!, client.TlsClientAuthSubjectDn),
                _ => client.CertificateThumbprints.Contains(CertificateThumbprint.Of(request.HttpContext.Connection.ClientCertificate!)) ? null : "certificate not registered",
            };
        if (method == SelfSignedTlsClientAuth && client?.TlsClientAuthSubjectDn is not null)
            method = TlsClientAuth;
        if (failure is not null)
        {
            LogAuthenticationFailed(clientId, method, failure);
            return (null, OAuthError.InvalidClient("Client authentication failed."));
        }
        return (new AuthenticatedClient(client!.Id, client.ClientId, client.Opd?.Code, client.MayIntrospect, method, client.IsManagementClient, client.ManagementScopes), null);
    }

    /// <summary>
    /// Checks a presented secret against the client's active secrets, each at its own hash's cost; with no client or
    /// no active secret, against <see cref="ClientSecretHasher.DecoyHash"/> (the parameters of a new secret), so that
    /// a missing client costs what a wrong secret costs. A client in a rotation overlap holds two secrets and costs
    /// two checks for a wrong secret: that reveals a rotation in progress, never whether an id exists.
    /// </summary>
    private string? CheckSecret(ClientApplication? client, string secret, DateTimeOffset now)
    {
        var active = client?.Secrets.Where(s => s.IsActiveAt(now)).Select(s => s.Hash).ToList() ?? [];
        if (active.Count == 0)
        {
            _ = secrets.Matches(secret, hasher.DecoyHash);
            return client is null ? "unknown client" : "no active secret";
        }
        return active.Any(hash => secrets.Matches(secret, hash)) ? null : "secret does not match";
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
