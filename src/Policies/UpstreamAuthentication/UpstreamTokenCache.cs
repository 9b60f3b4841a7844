using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SpbeConnector.Policies.Access;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.UpstreamAuthentication;

/// <summary>
/// The gateway's own access tokens for upstreams protected by their own OAuth 2.0 server (for example the national
/// SPLP): obtained with client credentials (client_secret_basic, RFC 6749 section 4.4), cached, and refreshed before
/// they expire, one request per API at a time. New credentials (their version changes with the route) or a 401 from
/// the upstream drop the cached token.
/// </summary>
public sealed partial class UpstreamTokenCache
{
    /// <summary>A token is renewed this long before its expiry, so that it never expires on the way.</summary>
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, CachedToken> _tokens = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _gates = new();
    private readonly IUpstreamCredentialSource _credentials;
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly ILogger<UpstreamTokenCache> _logger;

    private sealed record CachedToken(string Token, string CredentialsVersion, DateTimeOffset RenewAt);

    public UpstreamTokenCache(IUpstreamCredentialSource credentials, IHttpClientFactory http, TimeProvider clock, ILogger<UpstreamTokenCache> logger)
    {
        _credentials = credentials;
        _http = http.CreateClient(OutboundHttp.ClientName);
        _clock = clock;
        _logger = logger;
    }

    /// <summary>
    /// A valid token for the API's upstream obtained with the credentials of <paramref name="credentialsVersion"/>,
    /// from the cache or obtained now; null when none can be obtained.
    /// </summary>
    public ValueTask<string?> GetAsync(Guid apiId, string credentialsVersion, CancellationToken ct) =>
        Usable(apiId, credentialsVersion) is { } token
            ? new ValueTask<string?>(token)
            : new ValueTask<string?>(ObtainAsync(apiId, credentialsVersion, ct));

    private string? Usable(Guid apiId, string credentialsVersion) =>
        _tokens.TryGetValue(apiId, out var cached) && cached.RenewAt > _clock.GetUtcNow()
        && string.Equals(cached.CredentialsVersion, credentialsVersion, StringComparison.Ordinal) ? cached.Token : null;

    public void Invalidate(Guid apiId) => _tokens.TryRemove(apiId, out _);

    private async Task<string?> ObtainAsync(Guid apiId, string credentialsVersion, CancellationToken ct)
    {
        var gate = _gates.GetOrAdd(apiId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (Usable(apiId, credentialsVersion) is { } token)
                return token; // another request obtained it meanwhile
            if (await _credentials.FindAsync(apiId, ct) is not { } credentials)
                return null;
            var obtained = await RequestAsync(credentials, credentialsVersion, ct);
            if (obtained is null)
                return null;
            _tokens[apiId] = obtained;
            LogObtained(apiId, credentials.TokenEndpoint);
            return obtained.Token;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<CachedToken?> RequestAsync(UpstreamClientCredentials credentials, string credentialsVersion, CancellationToken ct)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (credentials.Scope is { } scope)
            form.Add(new("scope", scope));
        using var request = new HttpRequestMessage(HttpMethod.Post, credentials.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        // RFC 6749 section 2.3.1: form-urlencode the id and secret, then Basic-encode them.
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{Uri.EscapeDataString(credentials.ClientId)}:{Uri.EscapeDataString(credentials.ClientSecret)}")));
        try
        {
            using var response = await _http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(credentials.TokenEndpoint, (int)response.StatusCode);
                return null;
            }
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var root = body.RootElement;
            if (!root.TryGetProperty("access_token", out var token) || token.GetString() is not { Length: > 0 } value
                || !root.TryGetProperty("token_type", out var type) || !string.Equals(type.GetString(), "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                LogRefused(credentials.TokenEndpoint, (int)response.StatusCode);
                return null;
            }
            var lifetime = TimeSpan.FromSeconds(root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 300);
            var renewIn = lifetime > RenewalMargin * 2 ? lifetime - RenewalMargin : lifetime / 2;
            return new CachedToken(value, credentialsVersion, _clock.GetUtcNow() + renewIn);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException)
        {
            LogUnreachable(ex, credentials.TokenEndpoint);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Obtained an access token for the upstream of API {ApiId} from {TokenEndpoint}")]
    private partial void LogObtained(Guid apiId, string tokenEndpoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "The upstream's token endpoint {TokenEndpoint} refused the gateway's client credentials ({Status}); check the API's upstreamOAuth client id and secret")]
    private partial void LogRefused(string tokenEndpoint, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "The upstream's token endpoint {TokenEndpoint} could not be reached or answered badly; check the address and its certificate (Upstreams:CaBundlePath)")]
    private partial void LogUnreachable(Exception ex, string tokenEndpoint);
}
