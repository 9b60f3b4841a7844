using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SpbeConnector.Policies.Routing;
using SpbeConnector.Policies.SchemaValidation.Contract;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.SchemaValidation;

/// <summary>
/// The compiled contract of each routed API, built once per document revision and shared by every request
/// (never rebuilt per request). The contracts of the APIs routed at start are compiled lazily, by their first request
/// (compiling thousands of documents at start competed with the first seconds of traffic); an API that a reload adds
/// or changes is compiled in the background at once, so its requests rarely wait. A request that arrives first waits
/// for the one compilation in progress; an unchanged API is never compiled again by a reload.
/// </summary>
public sealed partial class ApiContractCache
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly IApiDocumentSource _documents;
    private readonly ILogger<ApiContractCache> _logger;

    public ApiContractCache(IApiDocumentSource documents, RoutedApiChanges changes, ILogger<ApiContractCache> logger)
    {
        _documents = documents;
        _logger = logger;
        changes.Changed += Prepare;
    }

    /// <summary>The contract of the API's current document revision; null when it cannot be loaded or compiled.</summary>
    internal ValueTask<ApiContract?> GetAsync(PublishedApi api, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(api.Id, out var entry) && entry.Revision == api.DocumentRevision && entry.Contract.Value.IsCompletedSuccessfully)
            return new ValueTask<ApiContract?>(entry.Contract.Value.Result);
        return new ValueTask<ApiContract?>(Current(api).Contract.Value.WaitAsync(cancellationToken));
    }

    private Entry Current(PublishedApi api) =>
        _entries.AddOrUpdate(api.Id,
            (_, a) => new Entry(a.DocumentRevision, new Lazy<Task<ApiContract?>>(() => LoadAsync(a))),
            (_, existing, a) => existing.Revision == a.DocumentRevision ? existing : new Entry(a.DocumentRevision, new Lazy<Task<ApiContract?>>(() => LoadAsync(a))),
            api);

    private void Prepare(RoutedApiChange change)
    {
        foreach (var id in change.Removed)
            _entries.TryRemove(id, out _);
        foreach (var api in change.Changed)
        {
            if (api.DocumentRevision == 0)
            {
                LogNoDocument(api.Id, api.PathPrefix);
                _entries.TryRemove(api.Id, out _);
                continue;
            }
            if (!change.Initial)
                _ = Current(api).Contract.Value;
        }
    }

    private async Task<ApiContract?> LoadAsync(PublishedApi api)
    {
        await Task.Yield(); // compile off the caller's thread
        try
        {
            var document = await _documents.LoadAsync(api.Id, api.DocumentRevision, CancellationToken.None);
            if (document is null)
            {
                LogDocumentMissing(api.Id, api.DocumentRevision);
                return null;
            }
            var contract = ApiContractCompiler.Compile(document, out var problems);
            if (contract is null)
                LogNotEnforceable(api.Id, api.DocumentRevision, string.Join("; ", problems.Take(5)));
            else
                LogCompiled(api.Id, api.DocumentRevision, document.Sha256);
            return contract;
        }
        catch (Exception ex)
        {
            // A passing failure (the store did not answer): forget it, so that the next request tries again.
            LogLoadFailed(ex, api.Id, api.DocumentRevision);
            if (_entries.TryGetValue(api.Id, out var failed) && failed.Revision == api.DocumentRevision)
                _entries.TryRemove(new KeyValuePair<Guid, Entry>(api.Id, failed));
            return null;
        }
    }

    private sealed record Entry(int Revision, Lazy<Task<ApiContract?>> Contract);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contract of API {ApiId} revision {Revision} compiled (document SHA-256 {Sha256})")]
    private partial void LogCompiled(Guid apiId, int revision, string sha256);

    [LoggerMessage(Level = LogLevel.Warning, Message = "API {ApiId} ({PathPrefix}) is routed without an OpenAPI document, so its requests are not validated. Register the API's document (PUT /admin/v1/apis/<id>) to enforce it")]
    private partial void LogNoDocument(Guid apiId, string pathPrefix);

    [LoggerMessage(Level = LogLevel.Error, Message = "API {ApiId} revision {Revision}: its OpenAPI document is missing from the store; requests to it are refused with 503 until a document is registered again")]
    private partial void LogDocumentMissing(Guid apiId, int revision);

    [LoggerMessage(Level = LogLevel.Error, Message = "API {ApiId} revision {Revision}: its OpenAPI document cannot be enforced ({Problems}); requests to it are refused with 503. Register a corrected document for the API")]
    private partial void LogNotEnforceable(Guid apiId, int revision, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "API {ApiId} revision {Revision}: loading its OpenAPI document failed; the next request tries again")]
    private partial void LogLoadFailed(Exception exception, Guid apiId, int revision);
}
