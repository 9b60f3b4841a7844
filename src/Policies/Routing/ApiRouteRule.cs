using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using SpbeConnector.Registry.Domain;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace SpbeConnector.Policies.Routing;

/// <summary>
/// The access rules of the API behind a route, read once from the route's metadata and kept with the route
/// configuration (a new configuration brings new rules), so that the hot path parses nothing.
/// </summary>
public sealed class ApiRouteRule
{
    private static readonly ConditionalWeakTable<RouteConfig, ApiRouteRule> Rules = new();
    private Tuple<string, string>? _audience; // (issuer, audience), swapped as one

    private ApiRouteRule(RouteConfig route)
    {
        var metadata = route.Metadata ?? new Dictionary<string, string>();
        ApiIdText = metadata.GetValueOrDefault(RouteMetadataKeys.ApiId, "");
        ApiId = Guid.TryParse(ApiIdText, out var id) ? id : Guid.Empty;
        OpdCode = metadata.GetValueOrDefault(RouteMetadataKeys.OpdCode, "");
        PathPrefix = metadata.GetValueOrDefault(RouteMetadataKeys.PathPrefix, "");
        ForwardAccessToken = metadata.GetValueOrDefault(RouteMetadataKeys.ForwardAccessToken) == "true";
        UpstreamOAuthVersion = metadata.GetValueOrDefault(RouteMetadataKeys.UpstreamOAuth) is { Length: > 0 } version ? version : null;
        RequiredScopes = (metadata.GetValueOrDefault(RouteMetadataKeys.RequiredScopes) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Classification = Enum.TryParse<InformationClassification>(metadata.GetValueOrDefault(RouteMetadataKeys.Classification), out var c)
            ? c : InformationClassification.Secret; // unknown: the strictest
        // Exempt and secret information is never public, whatever the registry holds: an API stored as public before
        // the registry refused it (issue 18) still requires a certificate-bound token from this version on.
        IsPublic = metadata.GetValueOrDefault(RouteMetadataKeys.Public) == "true" && !RequiresCertificateBinding;
    }

    public string ApiIdText { get; }
    public Guid ApiId { get; }
    public string OpdCode { get; }
    public string PathPrefix { get; }
    /// <summary>Called without an access token: marked public in the registry, and never for exempt or secret information.</summary>
    public bool IsPublic { get; }
    public bool ForwardAccessToken { get; }
    /// <summary>The version of the gateway's credentials at the OAuth-protected upstream; null when the upstream is not protected.</summary>
    public string? UpstreamOAuthVersion { get; }
    public string[] RequiredScopes { get; }
    public InformationClassification Classification { get; }

    /// <summary>
    /// Exempt and secret information needs certificate-bound tokens presented over mutual TLS (Pasal 59 ayat (6)
    /// huruf d: token correctness verified for exempt information; Pasal 60 ayat (3) huruf i: certificates).
    /// </summary>
    public bool RequiresCertificateBinding => Classification is InformationClassification.Exempt or InformationClassification.Secret;

    /// <summary>The API's identifier under <paramref name="issuer"/>: the audience its tokens must name. Computed once.</summary>
    public string AudienceFor(string issuer)
    {
        var known = Volatile.Read(ref _audience);
        if (known is not null && ReferenceEquals(known.Item1, issuer))
            return known.Item2;
        known = Tuple.Create(issuer, issuer + PathPrefix);
        Volatile.Write(ref _audience, known);
        return known.Item2;
    }

    public static ApiRouteRule For(RouteConfig route) => Rules.GetValue(route, static r => new ApiRouteRule(r));

    /// <summary>The rule of the route this request matched, or null when it matched no registry route.</summary>
    public static ApiRouteRule? For(HttpContext context) =>
        context.Features.Get<IReverseProxyFeature>()?.Route.Config is { } config && config.Metadata?.ContainsKey(RouteMetadataKeys.ApiId) == true
            ? For(config)
            : null;
}
