using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace SpbeConnector.Policies.AntiAutomation.Alerts;

/// <summary>
/// Where alerts go: a structured log event, a bounded list of recent alerts (for the admin API and the portal),
/// and a queue towards the configured webhook. Publishing never blocks a request.
/// </summary>
public sealed partial class AlertHub(ILogger<AlertHub> logger)
{
    private const int Kept = 1000;
    private readonly LinkedList<SecurityAlert> _recent = new();
    private readonly Channel<SecurityAlert> _outbox = Channel.CreateBounded<SecurityAlert>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public ChannelReader<SecurityAlert> Outbox => _outbox.Reader;

    public void Publish(SecurityAlert alert)
    {
        lock (_recent)
        {
            _recent.AddFirst(alert);
            if (_recent.Count > Kept)
                _recent.RemoveLast();
        }
        LogAlert(alert.Kind, alert.Subject, alert.Summary, alert.Action, alert.Id, alert.Evidence, alert.SampleRequestIds);
        _outbox.Writer.TryWrite(alert);
    }

    /// <summary>The most recent alerts, newest first.</summary>
    public IReadOnlyList<SecurityAlert> Recent(int max = 100)
    {
        lock (_recent)
            return _recent.Take(max).ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Security alert {Kind} for {Subject}: {Summary} (action: {Action}, alert {AlertId}, evidence {Evidence}, sample requests {SampleRequestIds})")]
    private partial void LogAlert(string kind, string subject, string summary, string action, Guid alertId, IReadOnlyDictionary<string, string> evidence, IReadOnlyList<string> sampleRequestIds);
}
