namespace SpbeConnector.Registry.Contracts;

/// <summary>Reads one revision of an API's OpenAPI document. Implemented by the registry's store; consumed by the data plane.</summary>
public interface IApiDocumentSource
{
    /// <summary>The revision as JSON, or null when the API has no such revision or it can no longer be read.</summary>
    Task<ApiDocument?> LoadAsync(Guid apiId, int revision, CancellationToken cancellationToken);
}
