using System.Text.Json.Serialization;

namespace SpbeConnector.Registry.Domain;

/// <summary>
/// Which browser origins may call one API across origins (CORS, the Fetch standard), and with what. Immutable: a
/// change replaces the whole value. <see cref="Default"/> allows no origin: the gateway then answers no preflight
/// and adds no CORS header, so a browser application on another origin cannot read the API's answers. The gateway
/// is the only authority: an upstream's own <c>Access-Control-*</c> headers never reach the client.
/// </summary>
public sealed record ApiCorsSettings
{
    public static readonly ApiCorsSettings Default = new();

    /// <summary>
    /// The origins allowed (<c>https://host[:port]</c>, or <c>http://</c> for a loopback development host), or the
    /// single entry <c>*</c> for any origin (never together with <see cref="AllowCredentials"/>). Empty: CORS is off.
    /// </summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>The methods a cross-origin request may use (GET, HEAD, POST, PUT, PATCH, DELETE).</summary>
    public IReadOnlyList<string> AllowedMethods { get; init; } = ["GET"];

    /// <summary>The request headers a cross-origin request may send beyond the safelisted ones (for example Authorization, Content-Type).</summary>
    public IReadOnlyList<string> AllowedHeaders { get; init; } = [];

    /// <summary>The response headers a browser application may read beyond the safelisted ones (for example RateLimit-Remaining).</summary>
    public IReadOnlyList<string> ExposedHeaders { get; init; } = [];

    /// <summary>How long a browser may cache a preflight answer; null for the gateway's default (<c>Cors:DefaultMaxAge</c>).</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>
    /// Whether the browser may send its cookies or TLS client certificate and let the page read the answer. Only with
    /// listed origins, never with <c>*</c>.
    /// </summary>
    public bool AllowCredentials { get; init; }

    /// <summary>Whether any origin is allowed at all.</summary>
    [JsonIgnore]
    public bool IsEnabled => AllowedOrigins.Count > 0;

    /// <summary>Whether <see cref="AllowedOrigins"/> is the wildcard <c>*</c>.</summary>
    [JsonIgnore]
    public bool AllowsAnyOrigin => AllowedOrigins is ["*"];
}
