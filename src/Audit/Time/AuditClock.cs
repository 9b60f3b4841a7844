using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpbeConnector.Audit.Time;

/// <summary>
/// The time of audit records: UTC from the system clock, with the clock's synchronisation state sampled periodically
/// and written into every record (Pasal 59 ayat (9) huruf h: a synchronised time source), pre-encoded so that the
/// request path only copies bytes. Warns when the clock is not synchronised.
/// </summary>
public sealed partial class AuditClock(TimeProvider time, IOptions<AuditOptions> options, ILogger<AuditClock> logger)
{
    private volatile Sample? _sample;
    private ClockStatus? _previous;

    public DateTimeOffset UtcNow => time.GetUtcNow();

    public TimeProvider TimeProvider => time;

    public ClockStatus Status => Current().Status;

    /// <summary>The clock object of a record: <c>{"source":"system","synchronized":true,"estimatedErrorMs":…,"maxErrorMs":…}</c>.</summary>
    public ReadOnlySpan<byte> StatusJson => Current().Json;

    /// <summary>Samples the clock now and logs a warning if it is not synchronised (called at start and periodically).</summary>
    public ClockStatus Check()
    {
        var status = SystemClockSynchronization.Read();
        _sample = new Sample(status, Encode(status), time.GetTimestamp());
        var previous = _previous;
        if (status.Synchronized == false && previous?.Synchronized != false)
            LogUnsynchronized(status.MaxErrorMs ?? double.NaN);
        else if (status.Synchronized is null && previous is null)
            LogUnknown();
        else if (status.Synchronized == true && previous?.Synchronized == false)
            LogSynchronizedAgain(status.EstimatedErrorMs ?? double.NaN);
        _previous = status;
        return status;
    }

    public static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private Sample Current()
    {
        var sample = _sample;
        if (sample is null || time.GetElapsedTime(sample.Timestamp) > options.Value.ClockCheckInterval)
        {
            Check();
            sample = _sample!;
        }
        return sample;
    }

    private static byte[] Encode(ClockStatus status)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("source", status.Source);
            if (status.Synchronized is { } synchronized)
                json.WriteBoolean("synchronized", synchronized);
            if (status.EstimatedErrorMs is { } estimated)
                json.WriteNumber("estimatedErrorMs", Math.Round(estimated, 3));
            if (status.MaxErrorMs is { } max)
                json.WriteNumber("maxErrorMs", Math.Round(max, 3));
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private sealed record Sample(ClockStatus Status, byte[] Json, long Timestamp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The system clock is not synchronised (maximum error {MaxErrorMs} ms): audit record times may be wrong (Pasal 59 ayat (9) huruf h). Enable NTP (for example: timedatectl set-ntp true, or chrony) on this host")]
    private partial void LogUnsynchronized(double maxErrorMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot tell whether the system clock is synchronised on this platform; make sure NTP is running, since audit record times depend on it")]
    private partial void LogUnknown();

    [LoggerMessage(Level = LogLevel.Information, Message = "The system clock is synchronised again (estimated error {EstimatedErrorMs} ms)")]
    private partial void LogSynchronizedAgain(double estimatedErrorMs);
}
