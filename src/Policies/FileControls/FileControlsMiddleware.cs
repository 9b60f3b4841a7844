using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using SpbeConnector.Policies.Routing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Policies.FileControls;

/// <summary>
/// Checks the files a request carries (multipart file parts and binary bodies, as the validation policy found
/// them) before they reach the OPD's service:
/// <list type="number">
/// <item>count per request and size per file (Pasal 59 ayat (14) huruf a);</item>
/// <item>the declared type is one the API allows, and the content's signature matches it (ayat (14) huruf b);</item>
/// <item>the client's quota of files and bytes per window (ayat (14) huruf a);</item>
/// <item>the SHA-256 of every file is recorded with the exchange for the audit log (Pasal 60 ayat (2) huruf d);</item>
/// <item>every file is scanned for viruses through clamd (ayat (3) huruf l; Pasal 59 ayat (14) huruf d); when the
/// scanner gives no verdict the request is refused, unless the API is configured to fail open.</item>
/// </list>
/// </summary>
public sealed partial class FileControlsMiddleware(
    RequestDelegate next,
    IFileScanner scanner,
    FileQuotaCounter quotas,
    IProblemDetailsService problems,
    ILogger<FileControlsMiddleware> logger)
{
    public const string PolicyName = "file-controls";

    public Task InvokeAsync(HttpContext context)
    {
        var exchange = context.GetGatewayExchange();
        var files = exchange.Files;
        return files.Count == 0 || RoutedApi.Of(context)?.Published is not { } api ? next(context) : CheckFilesAsync(context, exchange, files, api);
    }

    private async Task CheckFilesAsync(HttpContext context, GatewayExchangeFeature exchange, IReadOnlyList<ExchangedFile> files, PublishedApi api)
    {
        var settings = api.Validation;

        if (files.Count > settings.MaxFilesPerRequest)
        {
            await RefuseAsync(context, api, StatusCodes.Status400BadRequest, "too_many_files", "/body", "maxFilesPerRequest", $"holds more than the {settings.MaxFilesPerRequest} files a request may carry");
            return;
        }
        long total = 0;
        foreach (var file in files)
        {
            total += file.Length;
            if (file.Length > settings.MaxFileBytes)
            {
                await RefuseAsync(context, api, StatusCodes.Status413PayloadTooLarge, "file_too_large", file.Location, "maxFileBytes", $"is larger than the {settings.MaxFileBytes} bytes a file may have");
                return;
            }
            if (!settings.AllowedFileTypes.Contains(file.DeclaredType, StringComparer.OrdinalIgnoreCase))
            {
                await RefuseAsync(context, api, StatusCodes.Status415UnsupportedMediaType, "file_type_not_allowed", file.Location, "fileType", "declares a file type this API does not accept");
                return;
            }
            if (!FileSignatures.Matches(file.DeclaredType, file.Content))
            {
                await RefuseAsync(context, api, StatusCodes.Status400BadRequest, "file_signature_mismatch", file.Location, "signature", "has content that is not what its declared type says it is");
                return;
            }
            file.Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content.Span));
        }

        var client = exchange.Caller?.ClientId ?? "ip:" + context.Connection.RemoteIpAddress;
        if (!quotas.TryReserve(api.Id, client, files.Count, total, settings.MaxFilesPerClient, settings.MaxFileBytesPerClient, settings.FileQuotaWindow, out var windowEnd))
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((windowEnd - DateTimeOffset.UtcNow).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await RefuseAsync(context, api, StatusCodes.Status429TooManyRequests, "file_quota_exceeded", "/body", "fileQuota",
                $"would pass this client's quota of {settings.MaxFilesPerClient} files and {settings.MaxFileBytesPerClient} bytes per {settings.FileQuotaWindow}");
            return;
        }

        foreach (var file in files)
        {
            var scan = await scanner.ScanAsync(file.Content, context.RequestAborted);
            switch (scan.Verdict)
            {
                case FileScanVerdict.Clean:
                    file.ScanVerdict = "clean";
                    continue;
                case FileScanVerdict.Infected:
                    file.ScanVerdict = "infected";
                    LogInfected(api.Id, context.TraceIdentifier, file.Sha256!, scan.Detail);
                    quotas.Release(api.Id, client, files.Count, total);
                    await RefuseAsync(context, api, StatusCodes.Status422UnprocessableEntity, "file_infected", file.Location, "virus", "was found to contain malicious code and was not delivered");
                    return;
                default:
                    file.ScanVerdict = "not_scanned";
                    LogScanUnavailable(api.Id, context.TraceIdentifier, scan.Detail, settings.ScannerOutage);
                    if (settings.ScannerOutage == ScannerOutageMode.FailOpen)
                    {
                        exchange.Record(PolicyName, true, "scan_unavailable_fail_open");
                        continue;
                    }
                    quotas.Release(api.Id, client, files.Count, total);
                    await RefuseAsync(context, api, StatusCodes.Status503ServiceUnavailable, "scan_unavailable", file.Location, "virusScan",
                        "could not be scanned for viruses right now, so it was not delivered; try again later");
                    return;
            }
        }
        exchange.Record(PolicyName, true, "files_accepted");
        await next(context);
    }

    private async Task RefuseAsync(HttpContext context, PublishedApi api, int status, string reason, string location, string rule, string detail)
    {
        context.GetGatewayExchange().Record(PolicyName, false, reason);
        LogRefused(api.Id, status, reason, location);
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = "File refused",
                Detail = "A file in the request breaks this API's file rules; 'errors' names it and the rule.",
                Extensions = { ["errors"] = new[] { new SchemaValidation.ValidationError(location, rule, detail) } },
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request to API {ApiId} refused by the file controls: {Status} ({Reason}) at {Location}")]
    private partial void LogRefused(Guid apiId, int status, string reason, string location);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malicious file refused on API {ApiId}, request {RequestId}: SHA-256 {Sha256}, signature {Signature}")]
    private partial void LogInfected(Guid apiId, string requestId, string sha256, string? signature);

    [LoggerMessage(Level = LogLevel.Error, Message = "File on API {ApiId}, request {RequestId} could not be scanned ({Detail}); the API's outage mode {Mode} applied. Check that clamd runs (FileScanning:Clamd)")]
    private partial void LogScanUnavailable(Guid apiId, string requestId, string? detail, ScannerOutageMode mode);
}
