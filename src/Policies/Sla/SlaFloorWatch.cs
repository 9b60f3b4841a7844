using System.Globalization;
using SpbeConnector.Policies.AntiAutomation.Alerts;

namespace SpbeConnector.Policies.Sla;

/// <summary>
/// Raises one alert when an API falls below the floor and one when it is back (Pasal 60 ayat (3) huruf m), through the
/// <see cref="AlertHub"/> so that it reaches the log, the webhook and the alerts list: an alert per state change, never
/// per request or per evaluation.
/// </summary>
public sealed class SlaFloorWatch(AlertHub alerts, TimeProvider clock)
{
    private readonly HashSet<string> _below = new(StringComparer.Ordinal);

    /// <summary>The APIs below the floor as last judged.</summary>
    public IReadOnlyCollection<string> Below
    {
        get { lock (_below) return _below.ToArray(); }
    }

    public void Judge(SlaReport report, int minimumRequests)
    {
        lock (_below)
        {
            foreach (var api in report.Apis)
            {
                var wasBelow = _below.Contains(api.Api);
                if (!wasBelow && api.Figures.BelowFloor && api.Figures.Total >= minimumRequests)
                {
                    _below.Add(api.Api);
                    alerts.Publish(Alert(AlertKinds.SlaBelowFloor, api, report,
                        $"API {api.Api} of {api.OpdCode} answered {Percent(api.Figures.Availability)} of requests well over the last {report.Window}, below the floor of {Percent(report.Floor)}.",
                        "investigate-upstream"));
                }
                // Recovery needs evidence: an API below the floor that then sees no traffic stays below until it answers well.
                else if (wasBelow && api.Figures is { Availability: not null, BelowFloor: false })
                {
                    _below.Remove(api.Api);
                    alerts.Publish(Alert(AlertKinds.SlaRecovered, api, report,
                        $"API {api.Api} of {api.OpdCode} is back at {Percent(api.Figures.Availability)} over the last {report.Window}, at or above the floor of {Percent(report.Floor)}.",
                        "none"));
                }
            }
        }
    }

    private SecurityAlert Alert(string kind, SlaApiReport api, SlaReport report, string summary, string action) =>
        new(Guid.NewGuid(), clock.GetUtcNow(), kind, $"api:{api.Api}", summary, new Dictionary<string, string>
        {
            ["opd"] = api.OpdCode,
            ["window"] = report.Window,
            ["total"] = api.Figures.Total.ToString(CultureInfo.InvariantCulture),
            ["failed"] = api.Figures.Failed.ToString(CultureInfo.InvariantCulture),
            ["slow"] = api.Figures.Slow.ToString(CultureInfo.InvariantCulture),
            ["availability"] = api.Figures.Availability?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "",
            ["floor"] = report.Floor.ToString(CultureInfo.InvariantCulture),
            ["latencyThreshold"] = report.LatencyThreshold.ToString("c", CultureInfo.InvariantCulture),
        }, [], action);

    private static string Percent(double? share) => share is { } s ? s.ToString("0.##%", CultureInfo.InvariantCulture) : "n/a";
}
