using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Policies.Tests.Sla;

/// <summary>A registry that routes a fixed set of APIs, given as <c>opd/api/version</c> paths.</summary>
internal sealed class FixedPublishedApiSource(params string[] apiPaths) : IPublishedApiSource
{
    public Task<PublishedApiSnapshot> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new PublishedApiSnapshot(1, apiPaths.Select(path => path.Split('/')).Select(p =>
            new PublishedApi(Guid.NewGuid(), p[0], null, p[1], p[1], p[2], ["https://upstream.example"], false,
                InformationClassification.Restricted, ApiStatus.Published)).ToArray()));

    public Task<long> GetConfigVersionAsync(CancellationToken cancellationToken) => Task.FromResult(1L);
}
