using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.OpenApi;

namespace SpbeConnector.Registry.Storage;

/// <summary>Reads document revisions from the store and normalises them to JSON with the same reader that accepted them.</summary>
internal sealed partial class StoreApiDocumentSource(IDbContextFactory<RegistryDbContext> contexts, ILogger<StoreApiDocumentSource> logger) : IApiDocumentSource
{
    public async Task<ApiDocument?> LoadAsync(Guid apiId, int revision, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var content = await db.DocumentRevisions.AsNoTracking()
            .Where(r => r.ApiId == apiId && r.Revision == revision)
            .Select(r => r.Content)
            .SingleOrDefaultAsync(cancellationToken);
        if (content is null)
            return null;
        var read = OpenApiDocumentReader.Read(content);
        if (!read.IsValid)
        {
            // Only a document stored before documents were checked can get here.
            LogUnreadable(apiId, revision, string.Join("; ", read.Problems.Take(5)));
            return null;
        }
        return new ApiDocument(apiId, revision, read.Json!, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The OpenAPI document of API {ApiId}, revision {Revision}, cannot be read: {Problems}. Register a corrected document for the API through the admin API.")]
    private partial void LogUnreadable(Guid apiId, int revision, string problems);
}
