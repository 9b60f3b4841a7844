using SpbeConnector.Policies.Routing;
using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using SpbeConnector.Registry.Contracts;
using Yarp.ReverseProxy.Model;

namespace SpbeConnector.Policies.ApiDirectory;

/// <summary>
/// The routed APIs the data-plane policies consult, found from a request by the API id its route carries
/// (<see cref="RouteMetadataKeys.ApiId"/>). The route provider updates it before it puts new routes in force,
/// so every routed request finds its API here.
/// </summary>
public sealed class PublishedApiDirectory
{
    private volatile FrozenDictionary<string, PublishedApi> _byId = FrozenDictionary<string, PublishedApi>.Empty;

    /// <summary>Raised after each update with what it changed.</summary>
    public event Action<ApiDirectoryChange>? Updated;

    public IReadOnlyCollection<PublishedApi> Apis => _byId.Values;

    /// <summary>Replaces every API at once, as a first load does.</summary>
    public void Update(PublishedApiSnapshot snapshot) => Update(snapshot.Apis, new ApiDirectoryChange(snapshot.Apis, [], Initial: true));

    /// <summary>Puts <paramref name="apis"/> (every API now routed) in place and tells the policies what changed.</summary>
    public void Update(IReadOnlyCollection<PublishedApi> apis, ApiDirectoryChange change)
    {
        _byId = apis.ToFrozenDictionary(a => a.Id.ToString(), StringComparer.Ordinal);
        Updated?.Invoke(change);
    }

    /// <summary>The API of the route the request matched, or null outside the proxied routes.</summary>
    public PublishedApi? Find(HttpContext context) =>
        context.Features.Get<IReverseProxyFeature>()?.Route.Config.Metadata is { } metadata
        && metadata.TryGetValue(RouteMetadataKeys.ApiId, out var id)
        && _byId.TryGetValue(id, out var api)
            ? api
            : null;
}
