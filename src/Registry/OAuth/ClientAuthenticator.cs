using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// Client authentication against the registry's clients (RFC 6749 section 2.3; Pasal 60 ayat (3) huruf d), called
/// by OpenIddict's authentication processing (<see cref="Handlers.AuthenticateRegistryClient"/>) once OpenIddict has
/// read the request and its Basic credentials: <c>client_secret_basic</c>, <c>client_secret_post</c>,
/// <c>private_key_jwt</c> (RFC 7523), <c>tls_client_auth</c> (a certificate of a trusted CA with the registered
/// subject, RFC 8705 section 2.1) or <c>self_signed_tls_client_auth</c> (a registered certificate, section 2.2);
/// Pasal 60 ayat (3) huruf i. The clients stay in the registry's tables, with their OPD, subscriptions and the
/// overlapping secrets of a rotation, which OpenIddict's own application store would not know.
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

    /// <summary>The client id a request claims, before authentication: used for brute-force accounting.</summary>
    public static string? ClaimedClientId(OpenIddictRequest request) =>
        request.ClientId is { Length: > 0 } id ? id
        : request.ClientAssertion is { Length: > 0 } assertion ? PrivateKeyJwtVerifier.ClaimedClientId(assertion) : null;

    /// <summary>
    /// Authenticates the client of a protocol request OpenIddict has extracted (the Basic header already decoded into
    /// <c>client_id</c> and <c>client_secret</c>), recording the outcome for the brute-force limits.
    /// </summary>
    public async Task<(AuthenticatedClient? Client, OAuthError? Error)> AuthenticateAsync(OpenIddictRequest request, HttpContext http, CancellationToken ct)
    {
        var address = http.Connection.RemoteIpAddress;
        var (client, error) = await AuthenticateOnceAsync(request, http, ct);
        if (client is not null)
            throttle.RecordSuccess(client.ClientId, address);
        else if (error!.Error == "invalid_client")
            throttle.RecordFailure(ClaimedClientId(request), address);
        return (client, error);
    }

    private async Task<(AuthenticatedClient? Client, OAuthError? Error)> AuthenticateOnceAsync(OpenIddictRequest request, HttpContext http, CancellationToken ct)
    {
        // OpenIddict refuses a request that uses Basic together with a secret or an assertion in the body; what is
        // left to tell apart is which single method this request uses.
        var basic = http.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        var certificate = http.Connection.ClientCertificate;
        string? clientId = request.ClientId, method;
        if (!string.IsNullOrEmpty(request.ClientSecret))
        {
            method = basic ? SecretBasic : SecretPost;
            // OpenIddict lets the Basic credentials replace a client_id of the body; a different one is refused.
            if (basic && http.Request.HasFormContentType && http.Request.Form["client_id"] is { Count: > 0 } bodyId && bodyId != clientId)
                return (null, OAuthError.InvalidRequest("client_id in the body differs from the authenticated client."));
        }
        else if (!string.IsNullOrEmpty(request.ClientAssertion))
        {
            if (request.ClientAssertionType != PrivateKeyJwtVerifier.AssertionType)
                return (null, OAuthError.InvalidRequest($"client_assertion_type must be {PrivateKeyJwtVerifier.AssertionType}."));
            var asserted = PrivateKeyJwtVerifier.ClaimedClientId(request.ClientAssertion);
            if (clientId is not null && asserted is not null && clientId != asserted)
                return (null, OAuthError.InvalidRequest("client_id in the body differs from the authenticated client."));
            (clientId, method) = (asserted ?? clientId, PrivateKeyJwt);
        }
        else if (certificate is not null && clientId is not null)
        {
            // Mutual TLS: the client's registration says which kind (a CA-issued subject, or registered certificates).
            method = SelfSignedTlsClientAuth;
        }
        else
        {
            return (null, OAuthError.InvalidClient("Client authentication is required: client_secret_basic, client_secret_post, private_key_jwt, tls_client_auth or self_signed_tls_client_auth."));
        }
        if (clientId is null)
            return (null, OAuthError.InvalidRequest($"{method} needs client_id in the body."));

        await using var db = await contexts.CreateDbContextAsync(ct);
        var client = await db.Clients.AsNoTracking().Include(c => c.Secrets).Include(c => c.Opd)
            .SingleOrDefaultAsync(c => c.ClientId == clientId, ct);
        var now = clock.GetUtcNow();
        // The secret is checked before the client's existence and status decide anything, with the same hashing work
        // either way: otherwise the answer's timing tells which client ids exist (an unknown id answered at once, a
        // known one after PBKDF2), and enumerated ids are what a guessing attack needs (Pasal 59 ayat (4) huruf d).
        var secretFailure = method is SecretBasic or SecretPost ? CheckSecret(client, request.ClientSecret!, now) : null;
        var failure = client is null ? "unknown client"
            : client.Status != ClientStatus.Enabled ? "client disabled"
            : method switch
            {
                SecretBasic or SecretPost => secretFailure,
                PrivateKeyJwt => await assertions.VerifyAsync(client, request.ClientAssertion!, ct),
                _ when client.TlsClientAuthSubjectDn is not null => certificates.Verify(certificate!, client.TlsClientAuthSubjectDn),
                _ => client.CertificateThumbprints.Contains(CertificateThumbprint.Of(certificate!)) ? null : "certificate not registered",
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client authentication failed for client id {ClientId} ({Method}): {Cause}")]
    private partial void LogAuthenticationFailed(string clientId, string method, string cause);
}
