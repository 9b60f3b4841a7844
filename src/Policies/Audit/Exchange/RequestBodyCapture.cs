using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using SpbeConnector.Audit.Buffers;
using SpbeConnector.Audit;
using SpbeConnector.Policies.Exchange;

namespace SpbeConnector.Policies.Audit.Exchange;

/// <summary>
/// Hashes a request body before it is forwarded, so that the request record (durable before the upstream sees
/// anything) commits to the exact bytes sent: bodies up to the limit are read whole into pooled memory and forwarded
/// from there; each file of a multipart upload is hashed too (Pasal 60 ayat (2) huruf d). A larger body streams
/// upstream through a hashing reader and its digest goes into the completion record. A body an earlier policy already
/// read whole (schema validation, request signatures: <see cref="GatewayExchangeFeature.RequestBody"/>) is not read
/// and held a second time: its bytes, which are the bytes forwarded, are hashed where they are.
/// </summary>
internal static class RequestBodyCapture
{
    public static async Task CaptureAsync(HttpContext context, ExchangeAudit audit, int limit)
    {
        var request = context.Request;
        if (context.GetGatewayExchange().RequestBody is { } buffered)
        {
            if (buffered.Length == 0)
                return;
            await CommitAsync(request, audit, new BodyDigest(buffered.Sha256.ToArray(), buffered.Length), buffered.OpenRead);
            request.Body = buffered.OpenRead();
            return;
        }
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
            return;
        if (request.ContentLength is 0)
            return;
        if (request.ContentLength > limit)
        {
            audit.StreamedRequestBody = new HashingReadStream(request.Body);
            request.Body = audit.StreamedRequestBody;
            return;
        }

        var held = new PooledByteBuffer();
        audit.HeldRequestBody = held;
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int n;
            while ((n = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                held.Write(chunk.AsSpan(0, n));
                if (held.Length > limit)
                {
                    // Longer than announced or chunked past the limit: forward what was read, then the rest, hashing it all.
                    audit.StreamedRequestBody = new HashingReadStream(new ConcatReadStream(held.OpenRead(), request.Body));
                    request.Body = audit.StreamedRequestBody;
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk, clearArray: true);
        }
        if (held.Length == 0)
            return;
        await CommitAsync(request, audit, new BodyDigest(held.Sha256(), held.Length), held.OpenRead);
        request.Body = held.OpenRead();
    }

    /// <summary>The digest of a body held whole, checked against the client's Content-Digest, and its files' digests.</summary>
    private static async Task CommitAsync(HttpRequest request, ExchangeAudit audit, BodyDigest digest, Func<Stream> openBody)
    {
        audit.RequestBody = digest;
        // A Content-Digest the client sent (and perhaps signed) must be the digest of the body the upstream will get.
        if (request.Headers.TryGetValue(SpbeConnector.Audit.Receipts.ContentDigest.HeaderName, out var claimed)
            && SpbeConnector.Audit.Receipts.ContentDigest.ParseSha256(claimed.ToString()) is { } sha256 && !sha256.AsSpan().SequenceEqual(digest.Sha256))
            throw new InvalidDataException("The request's Content-Digest does not match its body.");
        audit.Files = await HashFilesAsync(request.ContentType, openBody);
    }

    private static async Task<IReadOnlyList<FileDigest>?> HashFilesAsync(string? contentType, Func<Stream> openBody)
    {
        if (contentType is null || !contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
            return null;
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
            return null;
        var files = new List<FileDigest>();
        try
        {
            var reader = new MultipartReader(boundary, openBody());
            while (await reader.ReadNextSectionAsync() is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                    continue;
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
                long length = 0;
                try
                {
                    int n;
                    while ((n = await section.Body.ReadAsync(buffer)) > 0)
                    {
                        hash.AppendData(buffer, 0, n);
                        length += n;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                }
                files.Add(new FileDigest(HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "", section.ContentType, hash.GetHashAndReset(), length));
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            // A malformed multipart body: the whole body's digest is still recorded; validation refuses it elsewhere.
            return files.Count > 0 ? files : null;
        }
        return files;
    }
}
