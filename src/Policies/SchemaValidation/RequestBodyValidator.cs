using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.Policies.SchemaValidation.Contract;
using SpbeConnector.Policies.SchemaValidation.Schemas;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Policies.SchemaValidation;

/// <summary>
/// Checks a request body against its operation: only the documented media types (415 otherwise); the body read
/// once within the API's size limit (413 beyond it) and forwarded byte for byte; JSON through the structural scan,
/// then parsed refusing duplicate keys, then checked against the schema; forms field by field. Multipart and
/// binary bodies are buffered here and their files are left to the file controls.
/// </summary>
internal static class RequestBodyValidator
{
    private const string Location = "/body";

    public static async ValueTask<ValidationRefusal?> ValidateAsync(HttpContext context, OperationContract operation, ApiValidationSettings settings)
    {
        var request = context.Request;
        var documented = operation.RequestBody;
        MediaTypeContract? media = null;
        var hasBody = HasBody(context);
        if (documented is null && hasBody)
            return ValidationRefusal.Invalid("body_not_allowed", Location, "notAllowed", "the API's document defines no body for this operation");
        if (documented is not null && hasBody)
        {
            if (MediaTypeOf(request.ContentType, out var charset) is not { } mediaType)
                return Unsupported("has no Content-Type; send one of the media types the API's document lists");
            media = documented.Find(mediaType);
            if (media is null)
                return Unsupported("has a Content-Type the API's document does not list for this operation");
            if (media.Kind is BodyKind.Json or BodyKind.Form && charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
                return Unsupported("must be encoded in UTF-8");
        }

        var limit = media?.Kind is BodyKind.Multipart or BodyKind.Binary
            ? (int)Math.Min(int.MaxValue - 1, (long)settings.MaxFileBytes * Math.Max(1, settings.MaxFilesPerRequest) + 64 * 1024)
            : settings.MaxBodyBytes;
        switch (await context.BufferRequestBodyAsync(limit))
        {
            case BodyBufferOutcome.TooLarge:
                return new ValidationRefusal(StatusCodes.Status413PayloadTooLarge, "body_too_large")
                {
                    Errors = [new ValidationError(Location, media?.Kind is BodyKind.Multipart or BodyKind.Binary ? "maxFileBytes" : "maxBodyBytes", $"is larger than the {limit} bytes this API accepts")],
                };
            case BodyBufferOutcome.Incomplete:
                return ValidationRefusal.Invalid("body_incomplete", Location, "incomplete", "ended before its declared length");
            case BodyBufferOutcome.None:
                return documented is { Required: true }
                    ? ValidationRefusal.Invalid("body_missing", Location, "required", "is required")
                    : null;
        }
        var exchange = context.GetGatewayExchange();
        var body = exchange.RequestBody!;
        switch (media!.Kind)
        {
            case BodyKind.Json:
                return JsonBodyValidator.Validate(body.Content, media.Schema, settings, Location, ValidationDirection.Request) is { } errors
                    ? ValidationRefusal.Invalid("invalid_body", errors)
                    : null;
            case BodyKind.Form:
                return ValidateForm(body.Content, media);
            case BodyKind.Multipart:
                var multipart = await MultipartBodyReader.ReadAsync(context, body, settings);
                var refusal = multipart.Refusal ?? ValidateFields(media, multipart.Fields) ?? CheckFileTypes(media, multipart.Files);
                if (refusal is null)
                    multipart.Files.ForEach(exchange.AddFile);
                return refusal;
            default:
                // The whole body is one file, of the media type the request declares; the file controls check it.
                exchange.AddFile(new ExchangedFile(null, null, MediaTypeOf(request.ContentType, out _)!.ToLowerInvariant(), body.Content));
                return null;
        }
    }

    /// <summary>A file part's declared type must be one the document lists for its field (<c>encoding.{field}.contentType</c>).</summary>
    private static ValidationRefusal? CheckFileTypes(MediaTypeContract media, List<ExchangedFile> files)
    {
        foreach (var file in files)
        {
            if (!media.FieldContentTypes.TryGetValue(file.Field!, out var allowed))
                continue;
            var slash = file.DeclaredType.IndexOf('/');
            if (!allowed.Any(a => a == file.DeclaredType || a == "*/*" || (a.EndsWith("/*", StringComparison.Ordinal) && slash > 0 && a.AsSpan(0, a.Length - 2).SequenceEqual(file.DeclaredType.AsSpan(0, slash)))))
                return new ValidationRefusal(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type")
                {
                    Errors = [new ValidationError(file.Location, "contentType", "declares a file type the API's document does not list for this field")],
                };
        }
        return null;
    }

    private static ValidationRefusal? ValidateForm(ReadOnlyMemory<byte> body, MediaTypeContract media)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
            return ValidationRefusal.Invalid("invalid_body", Location, "utf8", "is not valid UTF-8");
        var fields = new List<FormField>();
        using (var reader = new FormReader(Encoding.UTF8.GetString(body.Span)))
        {
            while (reader.ReadNextPair() is { } pair)
                fields.Add(new FormField(pair.Key, pair.Value));
        }
        return ValidateFields(media, fields);
    }

    /// <summary>Checks form or multipart fields against the media type's object schema; null when they are valid.</summary>
    public static ValidationRefusal? ValidateFields(MediaTypeContract media, IReadOnlyList<FormField> fields)
    {
        if (media.Schema is null || CheckFields(media.Schema, fields, errors: null))
            return null;
        var errors = new List<ValidationError>();
        CheckFields(media.Schema, fields, errors);
        return ValidationRefusal.Invalid("invalid_body", errors);
    }

    private static bool CheckFields(SchemaNode schema, IReadOnlyList<FormField> fields, List<ValidationError>? errors)
    {
        var context = SchemaValidationContext.Rent(Location, ValidationDirection.Request, errors);
        try
        {
            return schema.ValidateFields(fields, context);
        }
        finally
        {
            SchemaValidationContext.Return(context);
        }
    }

    private static bool HasBody(HttpContext context) =>
        context.Request.ContentLength > 0
        || (context.Request.ContentLength is null && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);

    /// <summary>The media type of a Content-Type header (<c>type/subtype</c>) and its charset, without allocating when there is none.</summary>
    internal static string? MediaTypeOf(string? contentType, out string? charset)
    {
        charset = null;
        if (string.IsNullOrWhiteSpace(contentType))
            return null;
        var semicolon = contentType.IndexOf(';');
        if (semicolon < 0)
            return contentType.Trim();
        if (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            charset = parsed.Charset.HasValue ? parsed.Charset.Value : null;
            return parsed.MediaType.Value;
        }
        return null;
    }

    private static ValidationRefusal Unsupported(string detail) =>
        new(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type") { Errors = [new ValidationError(Location, "contentType", detail)] };
}
