using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.Authentication;

/// <summary>
/// Validates access tokens the way JwtBearer does, with Microsoft.IdentityModel: issuer on the allow-list, algorithm
/// on the allow-list (asymmetric only), signature by a key of the issuer's JWKS matched by <c>kid</c>, <c>typ</c>,
/// lifetime with a small clock skew (Pasal 59 ayat (6) huruf d: token correctness is verified). An unknown
/// <c>kid</c> reloads the issuer's keys, at most once a second for the gateway's own server and once per
/// <see cref="AccessTokenOptions.IssuerKeyRefreshFloor"/> for a trusted external issuer.
/// The audience is checked per route by the caller, against the API's identifier.
/// Hot path: a token seen before is answered from a bounded cache keyed by the header value itself, with no
/// allocation; its expiry is checked on every call.
/// </summary>
public sealed partial class AccessTokenValidator(
    ILocalIssuer local,
    IOptions<AccessTokenOptions> options,
    IHttpClientFactory http,
    TimeProvider clock,
    ILogger<AccessTokenValidator> logger)
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    private readonly ConcurrentDictionary<string, ValidatedAccessToken> _cache = new(StringComparer.Ordinal);
    private readonly FrozenDictionary<string, ExternalIssuer> _external = options.Value.TrustedIssuers.ToFrozenDictionary(
        i => i.Issuer, i => new ExternalIssuer(i, http.CreateClient(Access.OutboundHttp.ClientName), options.Value), StringComparer.Ordinal);
    private volatile LocalParameters? _localParameters;

    private sealed record LocalParameters(long KeyVersion, TokenValidationParameters Parameters);

    /// <summary>Validates the value of an <c>Authorization</c> header.</summary>
    public ValueTask<TokenCheck> ValidateAsync(string authorization, CancellationToken ct)
    {
        if (_cache.TryGetValue(authorization, out var known))
        {
            if (known.ExpiresAt + options.Value.ClockSkew > clock.GetUtcNow() && KeysUnchanged())
                return new ValueTask<TokenCheck>(TokenCheck.Valid(known));
            _cache.TryRemove(authorization, out _);
        }
        return ValidateSlowAsync(authorization, ct);
    }

    private bool KeysUnchanged() => _localParameters is { } p && p.KeyVersion == local.PublishedKeys.Version;

    private async ValueTask<TokenCheck> ValidateSlowAsync(string authorization, CancellationToken ct)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return TokenCheck.Invalid("token_missing", "");
        var raw = authorization.AsSpan(7).Trim();
        if (raw.IsEmpty)
            return TokenCheck.Invalid("token_missing", "");

        JsonWebToken token;
        try
        {
            token = new JsonWebToken(raw.ToString());
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return TokenCheck.Invalid("token_malformed", "The access token is not a well-formed JWT.");
        }

        string? issuer = token.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Iss, out var iss) ? iss : null;
        if (issuer is not null && _external.TryGetValue(issuer, out var external))
            return await ValidateExternalAsync(authorization, token, external);
        if (issuer != local.Issuer)
            return TokenCheck.Invalid("issuer_untrusted", "The access token's issuer is not trusted by this gateway.");

        var result = await Handler.ValidateTokenAsync(token, LocalValidationParameters());
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // A key this node has not seen yet (another node may have rotated): reload, rate-limited, and retry once.
            await local.RefreshKeysAsync(ct);
            result = await Handler.ValidateTokenAsync(token, LocalValidationParameters());
        }
        if (!result.IsValid)
        {
            var (reason, description) = Describe(result.Exception);
            LogRejected(reason, result.Exception?.GetType().Name ?? "unknown");
            return TokenCheck.Invalid(reason, description);
        }

        if (!token.TryGetPayloadValue<string>("client_id", out var clientId) || string.IsNullOrEmpty(clientId))
            return TokenCheck.Invalid("token_invalid", "The access token names no client.");
        var validated = new ValidatedAccessToken(
            issuer,
            clientId,
            token.Id is { Length: > 0 } jti ? jti : null,
            token.Audiences.ToArray(),
            Scopes(token),
            new DateTimeOffset(token.ValidTo, TimeSpan.Zero),
            ConfirmationThumbprint(token));
        Remember(authorization, validated);
        return TokenCheck.Valid(validated);
    }

    /// <summary>A token of a trusted external issuer, accepted for a mapped client only.</summary>
    private async ValueTask<TokenCheck> ValidateExternalAsync(string authorization, JsonWebToken token, ExternalIssuer issuer)
    {
        // With a configuration manager, the handler fetches the issuer's keys and refreshes them once on an unknown kid.
        var result = await Handler.ValidateTokenAsync(token, issuer.Parameters);
        if (!result.IsValid)
        {
            var (reason, description) = Describe(result.Exception);
            LogExternalRejected(issuer.Options.Issuer, reason, result.Exception?.GetType().Name ?? "unknown");
            return TokenCheck.Invalid(reason, description);
        }
        var external = token.TryGetPayloadValue<string>(issuer.Options.ClientIdClaim, out var c) ? c : null;
        if (issuer.LocalClientId(external) is not { } clientId)
            return TokenCheck.Invalid("client_unmapped", "The access token's client is not registered with this gateway.");
        var validated = new ValidatedAccessToken(
            issuer.Options.Issuer,
            clientId,
            token.Id is { Length: > 0 } jti ? jti : null,
            token.Audiences.ToArray(),
            Scopes(token),
            new DateTimeOffset(token.ValidTo, TimeSpan.Zero),
            ConfirmationThumbprint(token),
            forEveryApi: !string.IsNullOrEmpty(issuer.Options.Audience));
        Remember(authorization, validated);
        return TokenCheck.Valid(validated);
    }

    private static FrozenSet<string> Scopes(JsonWebToken token) =>
        (token.TryGetPayloadValue<string>("scope", out var scope) ? scope : "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    private TokenValidationParameters LocalValidationParameters()
    {
        var keys = local.PublishedKeys;
        var current = _localParameters;
        if (current is not null && current.KeyVersion == keys.Version)
            return current.Parameters;
        // The audience is checked per route, against the API's identifier.
        var parameters = LocalTokenValidation.Parameters(local.Issuer, keys.Keys, options.Value.ClockSkew);
        if (current is not null)
            _cache.Clear(); // the key set changed: tokens are verified again against the keys published now
        _localParameters = new LocalParameters(keys.Version, parameters);
        return parameters;
    }

    private void Remember(string authorization, ValidatedAccessToken token)
    {
        var limit = options.Value.ValidatedTokenCacheSize;
        if (limit == 0)
            return;
        if (_cache.Count >= limit)
        {
            var now = clock.GetUtcNow();
            foreach (var (key, value) in _cache)
            {
                if (value.ExpiresAt <= now)
                    _cache.TryRemove(key, out _);
            }
            if (_cache.Count >= limit)
                _cache.Clear();
        }
        _cache[authorization] = token;
    }

    /// <summary>RFC 8705 section 3.1: <c>cnf</c> with the SHA-256 thumbprint of the client certificate.</summary>
    private static string? ConfirmationThumbprint(JsonWebToken token) =>
        token.TryGetPayloadValue<Dictionary<string, object>>("cnf", out var cnf) && cnf.TryGetValue("x5t#S256", out var x5t) ? x5t?.ToString() : null;

    private static (string Reason, string Description) Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => ("token_expired", "The access token has expired."),
        SecurityTokenNotYetValidException => ("token_not_yet_valid", "The access token is not valid yet."),
        SecurityTokenInvalidIssuerException => ("issuer_untrusted", "The access token's issuer is not trusted by this gateway."),
        SecurityTokenInvalidAlgorithmException => ("algorithm_refused", "The access token's signing algorithm is not accepted."),
        SecurityTokenSignatureKeyNotFoundException => ("unknown_key", "The access token is signed with a key the issuer does not publish."),
        SecurityTokenInvalidSignatureException => ("signature_invalid", "The access token's signature is not valid."),
        SecurityTokenInvalidTypeException => ("token_type_refused", "The token is not an access token (typ at+jwt)."),
        SecurityTokenNoExpirationException => ("token_invalid", "The access token has no expiry."),
        _ => ("token_invalid", "The access token is not valid."),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Access token refused: {Reason} ({Exception})")]
    private partial void LogRejected(string reason, string exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Access token of trusted issuer {Issuer} refused: {Reason} ({Exception}); if every token of it fails, check that its metadata address answers and names its JWKS")]
    private partial void LogExternalRejected(string issuer, string reason, string exception);
}
