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

    /// <summary>Raised after each update with the APIs now routed.</summary>
    public event Action<IReadOnlyCollection<PublishedApi>>? Updated;

    public IReadOnlyCollection<PublishedApi> Apis => _byId.Values;

    public void Update(PublishedApiSnapshot snapshot)
    {
        _byId = snapshot.Apis.ToFrozenDictionary(a => a.Id.ToString(), StringComparer.Ordinal);
        Updated?.Invoke(_byId.Values);
    }

    /// <summary>The API of the route the request matched, or null outside the proxied routes.</summary>
    public PublishedApi? Find(HttpContext context) =>
        context.Features.Get<IReverseProxyFeature>()?.Route.Config.Metadata is { } metadata
        && metadata.TryGetValue(RouteMetadataKeys.ApiId, out var id)
        && _byId.TryGetValue(id, out var api)
            ? api
            : null;
}
