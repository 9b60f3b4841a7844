using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using SpbeConnector.Policies.AntiAutomation.Alerts;

namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// Scores each subject's completed exchanges for signs of automated attack (Pasal 59 ayat (13) huruf c-e, ayat (6)
/// huruf b): runs of 401/403 (credential stuffing, token guessing), runs of 400/404/405 (enumeration, fuzzing),
/// floods of one identical request, and bursts far above the subject's own learnt baseline. Each finding raises one
/// alert with its evidence (then a cool-down), and blocks the subject when so configured.
/// </summary>
public sealed class AttackDetector(AlertHub alerts, TemporaryBlocks blocks, TimeProvider clock, IOptionsMonitor<AntiAutomationOptions> options)
{
    private readonly ConcurrentDictionary<string, SubjectState> _subjects = new(StringComparer.Ordinal);

    /// <summary>Observes one completed exchange of <paramref name="subject"/>.</summary>
    public void Observe(string subject, int status, string method, string path, string query, string requestId)
    {
        var settings = options.CurrentValue.Detection;
        if (!settings.Enabled)
            return;
        var now = clock.GetUtcNow();
        var state = _subjects.GetOrAdd(subject, static _ => new SubjectState());
        List<SecurityAlert>? raised = null;
        lock (state)
        {
            var windowStart = now - settings.Window;
            if (status is 401 or 403)
                Check(state.AuthFailures, AlertKinds.AuthenticationFailures, settings.AuthenticationFailures, "401/403 answers");
            else if (status is 400 or 404 or 405)
                Check(state.ClientErrors, AlertKinds.Enumeration, settings.ClientErrors, "400/404/405 answers");

            var fingerprint = HashCode.Combine(method, path, query);
            if (fingerprint != state.LastFingerprint)
            {
                state.LastFingerprint = fingerprint;
                state.Identical.Clear();
            }
            Check(state.Identical, AlertKinds.IdenticalRequestFlood, settings.IdenticalRequests, "identical requests in a row");
            CheckBurst(subject, state, settings, now, requestId, ref raised);

            void Check(Queue<(DateTimeOffset Time, string RequestId)> run, string kind, int threshold, string what)
            {
                run.Enqueue((now, requestId));
                while (run.Count > 0 && (run.Peek().Time < windowStart || run.Count > threshold))
                    run.Dequeue();
                if (run.Count < threshold || !state.MayRaise(kind, now, settings.Cooldown))
                    return;
                (raised ??= new()).Add(Alert(kind, subject, $"{run.Count} {what} within {settings.Window.TotalSeconds:0} s",
                    new Dictionary<string, string>
                    {
                        ["count"] = run.Count.ToString(CultureInfo.InvariantCulture),
                        ["threshold"] = threshold.ToString(CultureInfo.InvariantCulture),
                        ["windowSeconds"] = settings.Window.TotalSeconds.ToString(CultureInfo.InvariantCulture),
                        ["firstSeen"] = run.Peek().Time.ToString("O", CultureInfo.InvariantCulture),
                    },
                    run.Select(r => r.RequestId).Take(5).ToArray(), settings));
                run.Clear();
            }
        }
        if (raised is null)
            return;
        foreach (var alert in raised)
        {
            if (settings.Action == DetectionAction.Block)
                blocks.Add(subject, settings.BlockDuration, alert.Kind);
            alerts.Publish(alert);
        }
    }

    private void CheckBurst(string subject, SubjectState state, AttackDetectionOptions settings, DateTimeOffset now, string requestId, ref List<SecurityAlert>? raised)
    {
        var bucketMs = (long)settings.BurstBucket.TotalMilliseconds;
        var bucket = now.ToUnixTimeMilliseconds() / bucketMs;
        if (bucket != state.Bucket)
        {
            // Close the finished bucket (and any empty ones after it) into the baseline, an exponential moving average.
            if (state.Bucket != 0)
            {
                for (var b = state.Bucket; b < bucket && b < state.Bucket + 60; b++)
                {
                    var count = b == state.Bucket ? state.BucketCount : 0;
                    state.Baseline = state.LearntBuckets == 0 ? count : 0.8 * state.Baseline + 0.2 * count;
                    state.LearntBuckets++;
                }
            }
            state.Bucket = bucket;
            state.BucketCount = 0;
            state.BucketSamples.Clear();
        }
        state.BucketCount++;
        if (state.BucketSamples.Count < 5)
            state.BucketSamples.Add(requestId);
        if (state.LearntBuckets < settings.BurstWarmupBuckets || state.BucketCount < settings.BurstMinimum
            || state.BucketCount < settings.BurstFactor * Math.Max(1, state.Baseline) || !state.MayRaise(AlertKinds.Burst, now, settings.Cooldown))
            return;
        (raised ??= new()).Add(Alert(AlertKinds.Burst, subject, $"{state.BucketCount} requests in {settings.BurstBucket.TotalSeconds:0.#} s against a baseline of {state.Baseline:0.#}",
            new Dictionary<string, string>
            {
                ["count"] = state.BucketCount.ToString(CultureInfo.InvariantCulture),
                ["baseline"] = state.Baseline.ToString("0.##", CultureInfo.InvariantCulture),
                ["factor"] = settings.BurstFactor.ToString(CultureInfo.InvariantCulture),
                ["bucketSeconds"] = settings.BurstBucket.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            },
            state.BucketSamples.ToArray(), settings));
    }

    private SecurityAlert Alert(string kind, string subject, string summary, Dictionary<string, string> evidence, string[] samples, AttackDetectionOptions settings) =>
        new(Guid.NewGuid(), clock.GetUtcNow(), kind, subject, summary, evidence, samples,
            settings.Action == DetectionAction.Block ? $"blocked for {settings.BlockDuration}" : "alert only");

    private sealed class SubjectState
    {
        public readonly Queue<(DateTimeOffset, string)> AuthFailures = new();
        public readonly Queue<(DateTimeOffset, string)> ClientErrors = new();
        public readonly Queue<(DateTimeOffset, string)> Identical = new();
        public readonly List<string> BucketSamples = new(5);
        private readonly Dictionary<string, DateTimeOffset> _lastRaised = new();
        public int LastFingerprint;
        public long Bucket;
        public int BucketCount;
        public double Baseline;
        public int LearntBuckets;

        public bool MayRaise(string kind, DateTimeOffset now, TimeSpan cooldown)
        {
            if (_lastRaised.TryGetValue(kind, out var last) && now - last < cooldown)
                return false;
            _lastRaised[kind] = now;
            return true;
        }
    }
}
