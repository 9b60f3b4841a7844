using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SpbeConnector.Policies.Exchange;

/// <summary>What became of an attempt to buffer a request body.</summary>
public enum BodyBufferOutcome
{
    /// <summary>The request has no body.</summary>
    None,
    /// <summary>The body is in <see cref="GatewayExchangeFeature.RequestBody"/> and will be forwarded from there.</summary>
    Buffered,
    /// <summary>The body is larger than allowed; nothing of it is kept.</summary>
    TooLarge,
    /// <summary>The body ended before its declared length, or its framing was broken.</summary>
    Incomplete,
}

public static class RequestBodyBuffering
{
    private const int InitialChunk = 16 * 1024;

    /// <summary>
    /// Reads the request body once into a pooled buffer of at most <paramref name="limit"/> bytes, and makes the
    /// forwarder send those same bytes (with their exact Content-Length). A declared length above the limit is
    /// refused before a byte is read; an undeclared (chunked) body is refused as soon as it passes the limit.
    /// If the body was already buffered by an earlier policy, that buffer is returned.
    /// </summary>
    public static async ValueTask<BodyBufferOutcome> BufferRequestBodyAsync(this HttpContext context, int limit)
    {
        var exchange = context.GetGatewayExchange();
        if (exchange.RequestBody is not null)
            return exchange.RequestBody.Length > limit ? BodyBufferOutcome.TooLarge : BodyBufferOutcome.Buffered;
        var request = context.Request;
        var declared = request.ContentLength;
        if (declared == 0 || (declared is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true))
            return BodyBufferOutcome.None;
        if (declared > limit)
            return BodyBufferOutcome.TooLarge;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit + 1L;

        var buffer = ArrayPool<byte>.Shared.Rent((int)(declared ?? Math.Min(limit + 1L, InitialChunk)));
        var length = 0;
        try
        {
            while (declared is null || length < declared)
            {
                if (length == buffer.Length)
                    buffer = Grow(buffer, (int)Math.Min(limit + 1L, buffer.Length * 2L));
                var read = await request.Body.ReadAsync(buffer.AsMemory(length, buffer.Length - length), context.RequestAborted);
                if (read == 0)
                    break;
                length += read;
                if (length > limit)
                {
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                    return BodyBufferOutcome.TooLarge;
                }
            }
        }
        catch (BadHttpRequestException ex)
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            return ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? BodyBufferOutcome.TooLarge : BodyBufferOutcome.Incomplete;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            throw;
        }
        if (declared is not null && length != declared)
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            return BodyBufferOutcome.Incomplete;
        }

        var body = new BufferedRequestBody(buffer, length);
        exchange.RequestBody = body;
        context.Response.RegisterForDispose(body);
        request.Body = body.OpenRead();
        // One unambiguous framing towards the upstream: the exact length of the bytes that were checked.
        request.Headers.Remove("Transfer-Encoding");
        request.ContentLength = length;
        return BodyBufferOutcome.Buffered;
    }

    private static byte[] Grow(byte[] buffer, int size)
    {
        var larger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan().CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        return larger;
    }
}
