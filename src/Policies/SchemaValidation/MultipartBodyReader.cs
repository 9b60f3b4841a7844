using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.Policies.SchemaValidation.Schemas;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Policies.SchemaValidation;

/// <summary>
/// Splits a buffered <c>multipart/form-data</c> body into text fields (checked against the schema like a form) and
/// file parts (handed to the file controls), within limits: at most <see cref="MaxParts"/> parts, the API's file
/// count and size, text fields no longer than its string limit, and plain file names only (Pasal 59 ayat (14)
/// huruf c: file metadata is input too; a name with a path, a dot segment or a control character is refused).
/// </summary>
internal static class MultipartBodyReader
{
    public const int MaxParts = 100;

    public sealed record Result(List<FormField> Fields, List<ExchangedFile> Files, ValidationRefusal? Refusal);

    public static async Task<Result> ReadAsync(HttpContext context, BufferedRequestBody body, ApiValidationSettings settings)
    {
        var fields = new List<FormField>();
        var files = new List<ExchangedFile>();
        Result Refuse(ValidationRefusal refusal) => new(fields, files, refusal);

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
            return Refuse(ValidationRefusal.Invalid("invalid_body", "/body", "multipart", "a multipart body needs a boundary of 1 to 70 characters"));

        var reader = new MultipartReader(boundary, body.OpenRead()) { HeadersCountLimit = 8, HeadersLengthLimit = 4096 };
        try
        {
            for (var parts = 0; await reader.ReadNextSectionAsync(context.RequestAborted) is { } section; parts++)
            {
                if (parts == MaxParts)
                    return Refuse(ValidationRefusal.Invalid("invalid_body", "/body", "maxParts", $"holds more than {MaxParts} parts"));
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                    return Refuse(ValidationRefusal.Invalid("invalid_body", "/body", "multipart", "every part needs Content-Disposition: form-data with a name"));

                var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                if (fileName is null)
                {
                    var text = await ReadTextAsync(section.Body, settings.MaxStringBytes, context.RequestAborted);
                    if (text is null)
                        return Refuse(ValidationRefusal.Invalid("invalid_body", "/body", "maxStringBytes", $"holds a text field that is not UTF-8 or is longer than {settings.MaxStringBytes} bytes"));
                    fields.Add(new FormField(name, text));
                    continue;
                }
                if (!IsPlainFileName(fileName))
                    return Refuse(ValidationRefusal.Invalid("invalid_body", "/body", "fileName", "holds a file name with a path, a dot segment, a control character, or more than 255 characters"));
                if (files.Count == settings.MaxFilesPerRequest)
                    return Refuse(ValidationRefusal.Invalid("too_many_files", "/body", "maxFilesPerRequest", $"holds more than the {settings.MaxFilesPerRequest} files a request may carry"));
                var declared = MediaTypeHeaderValue.TryParse(section.ContentType, out var partType) ? partType.MediaType.Value!.ToLowerInvariant() : "application/octet-stream";
                if (await CopyAsync(context, section.Body, settings.MaxFileBytes) is not { } content)
                    return Refuse(new ValidationRefusal(StatusCodes.Status413PayloadTooLarge, "file_too_large")
                    {
                        Errors = [new ValidationError("/body/" + Registry.Contracts.JsonPointer.Escape(name), "maxFileBytes", $"is larger than the {settings.MaxFileBytes} bytes a file may have")],
                    });
                fields.Add(new FormField(name, null));
                files.Add(new ExchangedFile(name, fileName, declared, content));
            }
        }
        catch (InvalidDataException)
        {
            // Broken framing, or headers beyond their limits.
            return Refuse(ValidationRefusal.Invalid("invalid_body", "/body", "multipart", "is not well-formed multipart/form-data"));
        }
        return new Result(fields, files, null);
    }

    /// <summary>A plain file name: no directory part, no dot segment, no control or reserved character.</summary>
    internal static bool IsPlainFileName(string name) =>
        name.Length is > 0 and <= 255 && name is not ("." or "..") && name.Trim().Length == name.Length
        && name.IndexOfAny(['/', '\\', ':', '\0']) < 0 && !name.AsSpan().ContainsAnyInRange('\x00', '\x1f') && !name.Contains('\x7f');

    private static async Task<string?> ReadTextAsync(Stream part, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await part.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        return System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : null;
    }

    /// <summary>Copies a file part into a pooled buffer that is cleared and returned when the exchange ends; null past the limit.</summary>
    private static async Task<ReadOnlyMemory<byte>?> CopyAsync(HttpContext context, Stream part, int limit)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var length = 0;
        try
        {
            int read;
            while ((read = await part.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
            {
                length += read;
                if (length > limit)
                {
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                    return null;
                }
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                    buffer = larger;
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            throw;
        }
        context.Response.RegisterForDispose(new PooledBuffer(buffer));
        return new ReadOnlyMemory<byte>(buffer, 0, length);
    }

    private sealed class PooledBuffer(byte[] buffer) : IDisposable
    {
        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
    }
}
