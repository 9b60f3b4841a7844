using System.Globalization;
using Microsoft.AspNetCore.Http;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace SpbeConnector.Policies.Routing;

/// <summary>
/// Everything the data-plane steps know about the API behind a route, compiled once when the route is built and
/// carried by the route itself (<see cref="RoutedApiMetadata"/>), so that a step finds it with <see cref="Of(HttpContext)"/>
/// in a type test: no lookup by id, no string parsed per request, and never another API's facts than the route's
/// (the record and the route are swapped together).
/// </summary>
/// <remarks>
/// This is the one way a step reads its API's facts. A per-API setting reaches the steps as a property of
/// <see cref="PublishedApi"/> (read through <see cref="Published"/>), or, when it needs preparing, as a property
/// computed here.
/// </remarks>
public sealed class RoutedApi
{
    private static long _builds;
    private Tuple<string, string>? _audience; // (issuer, audience), swapped as one

    public RoutedApi(PublishedApi api)
    {
        Published = api;
        Id = api.Id;
        IdText = api.Id.ToString();
        OpdCode = api.OpdCode;
        Slug = api.Slug;
        Version = api.Version;
        PathPrefix = api.PathPrefix;
        ApiPath = $"{api.OpdCode}/{api.Slug}/{api.Version}";
        ForwardAccessToken = api.ForwardAccessToken;
        UpstreamOAuthVersion = string.IsNullOrEmpty(api.UpstreamOAuthVersion) ? null : api.UpstreamOAuthVersion;
        RequiredScopes = (api.RequiredScopes ?? []).SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Classification = api.Classification;
        // Exempt and secret information is never public, whatever the registry holds: an API stored as public before
        // the registry refused it (issue 18) still requires a certificate-bound token from this version on.
        IsPublic = api.IsPublic && !RequiresCertificateBinding;
        Build = Interlocked.Increment(ref _builds);
        RouteMetadata = new RoutedApiMetadata(this);
    }

    /// <summary>The registry's view of the API the routes were built from: its settings (validation, CORS, document revision).</summary>
    public PublishedApi Published { get; }

    public Guid Id { get; }

    /// <summary>The API's id as text, as audit records and plan counters name it.</summary>
    public string IdText { get; }

    public string OpdCode { get; }
    public string Slug { get; }
    public string Version { get; }

    /// <summary>The API's public path prefix <c>/{opd}/{api}/{version}</c>, from which its identifier (token audience) follows.</summary>
    public string PathPrefix { get; }

    /// <summary>The API as <c>opd/api/version</c>, as metrics, the service level, the audit log and its queries name it.</summary>
    public string ApiPath { get; }

    /// <summary>Called without an access token: marked public in the registry, and never for exempt or secret information.</summary>
    public bool IsPublic { get; }

    /// <summary>Whether the caller's access token is passed on to the upstream.</summary>
    public bool ForwardAccessToken { get; }

    /// <summary>The version of the gateway's credentials at the OAuth-protected upstream; null when the upstream is not protected.</summary>
    public string? UpstreamOAuthVersion { get; }

    /// <summary>The scopes every call must carry.</summary>
    public string[] RequiredScopes { get; }

    public InformationClassification Classification { get; }

    /// <summary>
    /// Which build of the routes this record belongs to, unique in the process. It is in the route's metadata so that
    /// YARP, which keeps a route whose configuration compares equal, takes a rebuilt route (and this record) in force.
    /// </summary>
    public long Build { get; }

    /// <summary>The metadata of every route of this API: it carries this record.</summary>
    public IReadOnlyDictionary<string, string> RouteMetadata { get; }

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

    internal string BuildText => Build.ToString(CultureInfo.InvariantCulture);

    /// <summary>The API of the route this request matched, or null when it matched no registry route.</summary>
    public static RoutedApi? Of(HttpContext context) =>
        context.Features.Get<IReverseProxyFeature>()?.Route.Config.Metadata is RoutedApiMetadata metadata ? metadata.Api : null;

    /// <summary>The API of a route, for what is decided once per route (transforms); null for a route not built from the registry.</summary>
    public static RoutedApi? Of(RouteConfig route) => route.Metadata is RoutedApiMetadata metadata ? metadata.Api : null;
}
