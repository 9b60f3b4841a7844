using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using SpbeConnector.Policies.Access;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.Policies.Routing;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.Authentication;

/// <summary>
/// Authentication of every call to a published API (architecture.md step 4; Pasal 60 ayat (3) huruf d, ayat (5) huruf b):
/// a valid access token for this API is required unless the API is public. The token must be valid (see
/// <see cref="AccessTokenValidator"/>), name this API in <c>aud</c>, not be revoked, belong to an enabled client,
/// and, when certificate-bound (RFC 8705), come with the same client certificate over mutual TLS. Sets the
/// exchange's caller; a refused request never reaches the upstream.
/// </summary>
public sealed class AccessTokenAuthenticationMiddleware(
    RequestDelegate next,
    AccessTokenValidator validator,
    AccessSnapshotCache access,
    ILocalIssuer issuer,
    IProblemDetailsService problems)
{
    public const string PolicyName = "authentication";

    public Task InvokeAsync(HttpContext context)
    {
        var rule = RoutedApi.Of(context);
        if (rule is null)
            return next(context);
        var exchange = context.GetGatewayExchange();
        if (rule.IsPublic)
        {
            exchange.Record(PolicyName, true, "public_api");
            return next(context);
        }
        return AuthenticateAsync(context, rule, exchange);
    }

    private async Task AuthenticateAsync(HttpContext context, RoutedApi rule, GatewayExchangeFeature exchange)
    {

        var authorization = context.Request.Headers.Authorization;
        if (authorization.Count != 1 || string.IsNullOrEmpty(authorization[0]))
        {
            exchange.Record(PolicyName, false, authorization.Count > 1 ? "token_malformed" : "token_missing");
            await (authorization.Count > 1
                ? BearerChallenge.InvalidTokenAsync(context, problems, "Send exactly one Authorization header.")
                : BearerChallenge.MissingAsync(context, problems));
            return;
        }

        var check = await validator.ValidateAsync(authorization[0]!, context.RequestAborted);
        if (check.Token is not { } token)
        {
            exchange.Record(PolicyName, false, check.Reason);
            await (check.Reason == "token_missing" ? BearerChallenge.MissingAsync(context, problems) : BearerChallenge.InvalidTokenAsync(context, problems, check.Description));
            return;
        }

        var refusal = Refusal(context, rule, token);
        if (refusal is { } r)
        {
            exchange.Record(PolicyName, false, r.Reason);
            await BearerChallenge.InvalidTokenAsync(context, problems, r.Description);
            return;
        }

        exchange.Caller = token.Caller ??= new GatewayCaller(
            token.ClientId, access.Current.Clients.GetValueOrDefault(token.ClientId)?.OpdCode, token.TokenId, token.CertificateThumbprint, token.Scopes);
        exchange.Record(PolicyName, true, "token_valid");
        await next(context);
    }

    private (string Reason, string Description)? Refusal(HttpContext context, RoutedApi rule, ValidatedAccessToken token)
    {
        // RFC 8707 / RFC 9068 section 4: the token must have been issued for this API.
        if (!token.IsFor(rule.AudienceFor(issuer.Issuer)))
            return ("audience_mismatch", "The access token was not issued for this API; request one with resource set to this API.");
        var snapshot = access.Current;
        if (token.TokenId is { } jti && snapshot.RevokedTokenIds.Contains(jti))
            return ("token_revoked", "The access token has been revoked.");
        if (!snapshot.Clients.TryGetValue(token.ClientId, out var client) || !client.Enabled)
            return ("client_disabled", "The client application of this token is disabled or unknown.");
        // RFC 8705 section 3: a certificate-bound token is accepted only with the certificate it is bound to.
        if (token.CertificateThumbprint is { } bound && !CertificateMatches(context.Connection.ClientCertificate, bound))
            return ("certificate_mismatch", "The access token is bound to a client certificate that this connection did not present.");
        return null;
    }

    private static bool CertificateMatches(X509Certificate2? certificate, string thumbprint) =>
        certificate is not null && string.Equals(CertificateThumbprint.Of(certificate), thumbprint, StringComparison.Ordinal);
}
