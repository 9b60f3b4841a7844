using System.Runtime.CompilerServices;
using Yarp.ReverseProxy.Configuration;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Audit;

namespace SpbeConnector.Policies.Audit.Exchange;

/// <summary>
/// Which API a proxied request is for, read from its route's metadata once per route configuration (cached with the
/// route, so the request path does no lookups or string building).
/// </summary>
public sealed record ApiIdentity(string? Id, string? Opd, string? Name, string? Version)
{
    private static readonly ConditionalWeakTable<RouteConfig, ApiIdentity> Cache = new();

    /// <summary>The API as the query API filters it: <c>opd/api/version</c>.</summary>
    public string Key { get; } = $"{Opd}/{Name}/{Version}";

    public static ApiIdentity Of(RouteConfig route) => Cache.GetValue(route, static r =>
    {
        var m = r.Metadata;
        return new ApiIdentity(Get(m, ApiRouteMetadata.ApiId), Get(m, ApiRouteMetadata.OpdCode), Get(m, ApiRouteMetadata.ApiSlug), Get(m, ApiRouteMetadata.ApiVersion));
    });

    private static string? Get(IReadOnlyDictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var value) ? value : null;
}
