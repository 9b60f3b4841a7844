namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>Thresholds of automated-attack detection (section <c>AntiAutomation:Detection</c>).</summary>
public sealed class AttackDetectionOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>What happens when an attack is detected: <c>Alert</c>, or <c>Block</c> (alert and block the subject for <see cref="BlockDuration"/>).</summary>
    public DetectionAction Action { get; set; } = DetectionAction.Alert;

    public TimeSpan BlockDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>401/403 answers to one subject within <see cref="Window"/> that make a credential-stuffing alert.</summary>
    public int AuthenticationFailures { get; set; } = 20;

    /// <summary>400/404/405 answers to one subject within <see cref="Window"/> that make an enumeration alert.</summary>
    public int ClientErrors { get; set; } = 50;

    /// <summary>The same request (method, path, query) repeated this many times in a row within <see cref="Window"/>.</summary>
    public int IdenticalRequests { get; set; } = 300;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Length of the buckets over which a subject's baseline rate is learnt.</summary>
    public TimeSpan BurstBucket { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A bucket with this many times the subject's baseline is a burst...</summary>
    public double BurstFactor { get; set; } = 10;

    /// <summary>...provided it also holds at least this many requests...</summary>
    public int BurstMinimum { get; set; } = 200;

    /// <summary>...and the baseline was learnt over at least this many buckets.</summary>
    public int BurstWarmupBuckets { get; set; } = 6;

    /// <summary>After an alert, the same kind for the same subject is not raised again for this long.</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromMinutes(5);
}
