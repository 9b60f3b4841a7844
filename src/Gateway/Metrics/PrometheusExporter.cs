using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using SpbeConnector.Policies.Metrics;

namespace SpbeConnector.Gateway.Metrics;

/// <summary>
/// Collects the measurements of the gateway's meter and renders them in the Prometheus text exposition format
/// (version 0.0.4): counters as <c>_total</c>, histograms as cumulative <c>_bucket</c>, <c>_sum</c>, <c>_count</c>,
/// gauges as their last value. Beside the gateway's meter it renders the runtime's, ASP.NET Core's, Kestrel's and
/// HttpClient's (<see cref="FrameworkMeters"/>). The project's own exporter rather than OpenTelemetry's Prometheus
/// exporter: every series keeps the exact name dashboards and the SLA use, one host's series never mix with another's
/// in the same process, and no pre-release package sits on the scrape path (docs/architecture.md).
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>Latency buckets in seconds, from 1 ms to 30 s.</summary>
    private static readonly double[] DurationBounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _instruments = new();

    public PrometheusExporter(GatewayMeter meter, IMeterFactory hostMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // This host's meters only: several gateways in one process (tests, side-by-side hosts) each have a
            // meter of the same name, and one exporter must not add up the exchanges of another.
            InstrumentState state;
            if (ReferenceEquals(instrument.Meter, meter.Meter))
                state = new InstrumentState(instrument, framework: false);
            else if (FrameworkMeters.Includes(instrument.Meter, hostMeters) && InstrumentState.Renders(instrument))
                state = new InstrumentState(instrument, framework: true);
            else
                return;
            _instruments[instrument] = state;
            listener.EnableMeasurementEvents(instrument, state);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.Start();
    }

    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder(4096);
        foreach (var state in _instruments.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
            state.Render(text);
        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private sealed class InstrumentState(Instrument instrument, bool framework)
    {
        private readonly bool _histogram = instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal);
        // The gateway's series keep the kinds (and so the names) they always had; a framework's up-down counter
        // (active requests, open connections) goes up and down, so it is a gauge.
        private readonly bool _gauge = (instrument.GetType().Name.StartsWith("Observable", StringComparison.Ordinal) && !instrument.GetType().Name.Contains("Counter"))
            || (framework && instrument.GetType().Name.Contains("UpDownCounter", StringComparison.Ordinal));
        private readonly SeriesTable<CounterSeries> _totals = new(() => new CounterSeries());
        private readonly SeriesTable<HistogramSeries> _histograms = new(() => new HistogramSeries(DurationBounds));

        public Instrument Instrument { get; } = instrument;

        /// <summary>The series' base name: the gateway's as it always was, a framework's made Prometheus-safe.</summary>
        public string Name { get; } = framework ? FrameworkMeters.PrometheusName(instrument) : instrument.Name + (instrument.Unit == "s" ? "_seconds" : "");

        /// <summary>Histograms are bucketed in seconds here: a framework histogram in another unit is left out.</summary>
        public static bool Renders(Instrument instrument) =>
            !instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal) || instrument.Unit == "s";

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (_histogram)
                _histograms.Get(tags).Record(value);
            else if (_gauge || Instrument.IsObservable)
                _totals.Get(tags).Set(value); // observable counters report their running total
            else
                _totals.Get(tags).Add(value);
        }

        public void Render(StringBuilder text)
        {
            var name = Name;
            var help = Instrument.Description ?? Instrument.Name;
            if (_histogram)
            {
                text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
                text.Append("# TYPE ").Append(name).Append(" histogram\n");
                foreach (var (tags, series) in _histograms.All())
                {
                    var (cumulative, sum, count) = series.Snapshot();
                    for (var i = 0; i < cumulative.Length; i++)
                    {
                        var le = i < DurationBounds.Length ? DurationBounds[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
                        Line(text, name + "_bucket", tags, ("le", le), cumulative[i]);
                    }
                    Line(text, name + "_sum", tags, null, sum);
                    Line(text, name + "_count", tags, null, count);
                }
                return;
            }
            var counter = !_gauge;
            var seriesName = counter ? name + "_total" : name;
            text.Append("# HELP ").Append(seriesName).Append(' ').Append(help).Append('\n');
            text.Append("# TYPE ").Append(seriesName).Append(counter ? " counter\n" : " gauge\n");
            foreach (var (tags, value) in _totals.All())
                Line(text, seriesName, tags, null, value.Value);
        }

        private static void Line(StringBuilder text, string name, MetricTags tags, (string Key, string Value)? extra, double value)
        {
            text.Append(name);
            var labels = tags.Tags.Select(t => (t.Key, t.Value)).ToList();
            if (extra is { } e)
                labels.Add(e);
            if (labels.Count > 0)
            {
                text.Append('{');
                for (var i = 0; i < labels.Count; i++)
                {
                    if (i > 0)
                        text.Append(',');
                    text.Append(FrameworkMeters.Sanitize(labels[i].Key)).Append("=\"");
                    foreach (var c in labels[i].Value)
                    {
                        _ = c switch
                        {
                            '\\' => text.Append("\\\\"),
                            '"' => text.Append("\\\""),
                            '\n' => text.Append("\\n"),
                            _ => text.Append(c),
                        };
                    }
                    text.Append('"');
                }
                text.Append('}');
            }
            text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}
