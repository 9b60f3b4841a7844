using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using SpbeConnector.Audit.Buffers;
using SpbeConnector.Audit;
using SpbeConnector.Audit.Receipts;
using SpbeConnector.Policies.Exchange;

namespace SpbeConnector.Policies.Audit.Exchange;

/// <summary>
/// Hashes a request body before it is forwarded, so that the request record (durable before the upstream sees
/// anything) commits to the exact bytes sent: bodies up to the limit are read whole into pooled memory and forwarded
/// from there; each file of a multipart upload is hashed too (Pasal 60 ayat (2) huruf d). A larger body streams
/// upstream through a hashing reader and its digest goes into the completion record. A body an earlier policy already
/// read whole (schema validation, request signatures: <see cref="GatewayExchangeFeature.RequestBody"/>) is not read
/// and held a second time: its bytes, which are the bytes forwarded, are hashed where they are. A <c>Content-Digest</c>
/// the client sent (and perhaps signed, RFC 9421) must describe the body the upstream will get: it is checked here,
/// against an empty body too.
/// </summary>
internal static class RequestBodyCapture
{
    /// <summary>
    /// Holds or streams the body and checks the client's Content-Digest (RFC 9530) against it: anything but
    /// <see cref="ContentDigestCheck.Absent"/>, <see cref="ContentDigestCheck.Matches"/> and (for a body too large to
    /// hold) <see cref="ContentDigestCheck.Unchecked"/> means the request must not be forwarded. A body held here is
    /// released with the exchange (<see cref="ExchangeAudit.HeldRequestBody"/>), refused or not.
    /// </summary>
    public static async Task<ContentDigestCheck> CaptureAsync(HttpContext context, ExchangeAudit audit, int limit)
    {
        var request = context.Request;
        var claimed = request.Headers.TryGetValue(ContentDigest.HeaderName, out var field) ? field.ToString() : null;
        if (context.GetGatewayExchange().RequestBody is { } buffered)
        {
            if (buffered.Length == 0)
                return CheckEmpty(claimed);
            var check = ContentDigest.Check(claimed, buffered.Sha256, () => SHA512.HashData(buffered.Content.Span));
            if (check is ContentDigestCheck.Absent or ContentDigestCheck.Matches)
            {
                await CommitAsync(request, audit, new BodyDigest(buffered.Sha256.ToArray(), buffered.Length), buffered.OpenRead);
                request.Body = buffered.OpenRead();
            }
            return check;
        }
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
            return CheckEmpty(claimed);
        if (request.ContentLength is 0)
            return CheckEmpty(claimed);
        if (request.ContentLength > limit)
            return Stream(request, audit, claimed, request.Body);

        var held = new PooledByteBuffer();
        audit.HeldRequestBody = held;
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int n;
            while ((n = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                held.Write(chunk.AsSpan(0, n));
                // Longer than announced or chunked past the limit: forward what was read, then the rest, hashing it all.
                if (held.Length > limit)
                    return Stream(request, audit, claimed, new ConcatReadStream(held.OpenRead(), request.Body));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk, clearArray: true);
        }
        if (held.Length == 0)
            return CheckEmpty(claimed);
        var sha256 = held.Sha256();
        var result = ContentDigest.Check(claimed, sha256, held.Sha512);
        if (result is ContentDigestCheck.Absent or ContentDigestCheck.Matches)
        {
            await CommitAsync(request, audit, new BodyDigest(sha256, held.Length), held.OpenRead);
            request.Body = held.OpenRead();
        }
        return result;
    }

    /// <summary>A request without content: a Content-Digest it carries must be the digest of nothing.</summary>
    private static ContentDigestCheck CheckEmpty(string? claimed) =>
        claimed is null ? ContentDigestCheck.Absent : ContentDigest.Check(claimed, SHA256.HashData([]), () => SHA512.HashData([]));

    /// <summary>
    /// A body too large to hold goes upstream as it arrives, through a hashing reader; its digest goes in the completion
    /// record. Only the form of a Content-Digest can be checked before it goes.
    /// </summary>
    private static ContentDigestCheck Stream(HttpRequest request, ExchangeAudit audit, string? claimed, Stream body)
    {
        var form = ContentDigest.CheckForm(claimed);
        if (form is ContentDigestCheck.Absent or ContentDigestCheck.Unchecked)
        {
            audit.StreamedRequestBody = new HashingReadStream(body);
            request.Body = audit.StreamedRequestBody;
        }
        return form;
    }

    /// <summary>The digest of a body held whole, and its files' digests.</summary>
    private static async Task CommitAsync(HttpRequest request, ExchangeAudit audit, BodyDigest digest, Func<Stream> openBody)
    {
        audit.RequestBody = digest;
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
