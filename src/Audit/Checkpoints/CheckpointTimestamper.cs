using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpbeConnector.Audit.Storage;

namespace SpbeConnector.Audit.Checkpoints;

/// <summary>
/// Has checkpoints countersigned by an RFC 3161 time-stamping authority: an independent party's signed statement that
/// the checkpoint existed at that time, which a log re-signed later cannot carry (Batu Bara Pasal 28 ayat (6): a
/// trusted third party). At most one checkpoint per <see cref="TimestampAuthorityOptions.Interval"/>, off the writer
/// thread; tokens are verified before they are kept.
/// </summary>
public sealed partial class CheckpointTimestamper(HttpClient http, IOptions<AuditOptions> options, TimeProvider time, ILogger<CheckpointTimestamper> logger)
{
    private readonly ConcurrentQueue<StoredTimestamp> _completed = new();
    private long _lastRequested = long.MinValue;
    private int _inFlight;

    /// <summary>Raised (off the writer thread) when a token is ready to be stored.</summary>
    public Action? Completed { get; set; }

    public void Offer(StoredCheckpoint checkpoint)
    {
        var settings = options.Value.TimestampAuthority;
        if (string.IsNullOrWhiteSpace(settings.Url))
            return;
        if (_lastRequested != long.MinValue && time.GetElapsedTime(_lastRequested) < settings.Interval)
            return;
        if (Interlocked.CompareExchange(ref _inFlight, 1, 0) != 0)
            return;
        _lastRequested = time.GetTimestamp();
        _ = Task.Run(() => RequestAsync(checkpoint, settings));
    }

    public bool TryTakeCompleted(out StoredTimestamp timestamp) => _completed.TryDequeue(out timestamp!);

    /// <summary>Asks the authority for a token over the checkpoint's signed note, and verifies it.</summary>
    public async Task<StoredTimestamp> TimestampAsync(StoredCheckpoint checkpoint, CancellationToken ct)
    {
        var settings = options.Value.TimestampAuthority;
        var data = Encoding.UTF8.GetBytes(checkpoint.Note);
        var request = Rfc3161TimestampRequest.CreateFromData(data, HashAlgorithmName.SHA256,
            nonce: RandomNumberGenerator.GetBytes(16), requestSignerCertificates: true);
        using var content = new ByteArrayContent(request.Encode());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.Timeout);
        using var response = await http.PostAsync(settings.Url, content, timeout.Token);
        response.EnsureSuccessStatusCode();
        var reply = await response.Content.ReadAsByteArrayAsync(timeout.Token);
        var token = request.ProcessResponse(reply, out _);
        if (!TimestampTokens.Verify(token.AsSignedCms().Encode(), data, settings.TrustedCertificatesPath, out var problem))
            throw new CryptographicException($"the time-stamp token does not verify: {problem}");
        return new StoredTimestamp(checkpoint.Id, token.AsSignedCms().Encode(), token.TokenInfo.Timestamp.ToUnixTimeMilliseconds(), settings.Url!);
    }

    private async Task RequestAsync(StoredCheckpoint checkpoint, TimestampAuthorityOptions settings)
    {
        try
        {
            _completed.Enqueue(await TimestampAsync(checkpoint, CancellationToken.None));
            Completed?.Invoke();
        }
        catch (Exception ex) when (ex is HttpRequestException or CryptographicException or OperationCanceledException)
        {
            LogTimestampFailed(ex, checkpoint.Id, settings.Url!);
        }
        finally
        {
            Volatile.Write(ref _inFlight, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint {CheckpointId} could not be time-stamped by {Authority}; the next checkpoint will be tried. Check Audit:TimestampAuthority")]
    private partial void LogTimestampFailed(Exception ex, long checkpointId, string authority);
}
