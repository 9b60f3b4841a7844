using System.Globalization;
using SpbeConnector.Policies.AntiAutomation.Alerts;
using SpbeConnector.Policies.Sla;
using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.SecurityView;

/// <summary>
/// An alert as the security view shows it: its kind, subject, summary and action in the page's language (rebuilt from
/// the alert's evidence, not its English summary), and links to its evidence in the audit log: the exchanges of the
/// subject or the API over the alert's window, and each sample request (Pasal 59 ayat (6) huruf b).
/// </summary>
public sealed record AlertView(DateTimeOffset Time, string Kind, string Subject, string Summary, string Action, IReadOnlyList<(string Href, string Text)> Evidence)
{
    /// <summary>Service-level alerts are listed apart from the attack alerts: an API that answers badly is not an attack.</summary>
    public static bool IsServiceLevel(SecurityAlert alert) => alert.Kind is AlertKinds.SlaBelowFloor or AlertKinds.SlaRecovered;

    public static AlertView Of(SecurityAlert alert, PortalPage page)
    {
        var t = page.T;
        var e = alert.Evidence;
        string Get(string key) => e.TryGetValue(key, out var v) ? v : "";
        string Number(string key) => double.TryParse(Get(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n.ToString("0.##", t.Numbers) : Get(key);
        string Share(string key) => double.TryParse(Get(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? page.Percent(n) : "—";
        var api = alert.Subject.StartsWith("api:", StringComparison.Ordinal) ? alert.Subject[4..] : alert.Subject;
        var window = SlaWindow.Parse(Get("window"));
        var summary = alert.Kind switch
        {
            AlertKinds.AuthenticationFailures or AlertKinds.Enumeration or AlertKinds.IdenticalRequestFlood =>
                t.Format("alert.summary." + alert.Kind, Number("count"), Number("windowSeconds"), Number("threshold")),
            AlertKinds.Burst => t.Format("alert.summary.burst", Number("count"), Number("bucketSeconds"), Number("baseline")),
            AlertKinds.RateLimitStoreUnavailable => t.Format("alert.summary.rate-limit-store-unavailable", Get("expectedNodes")),
            AlertKinds.RateLimitStoreRecovered => t["alert.summary.rate-limit-store-recovered"],
            AlertKinds.SlaBelowFloor or AlertKinds.SlaRecovered =>
                t.Format("alert.summary." + alert.Kind, api, Get("opd"), Share("availability"), t["sla.window." + Get("window")], Share("floor")),
            _ => alert.Summary,
        };
        var evidence = new List<(string, string)>();
        var from = alert.Kind switch
        {
            _ when DateTimeOffset.TryParse(Get("firstSeen"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var first) => first,
            _ when window is not null => alert.Time - window.Length,
            _ when double.TryParse(Get("windowSeconds"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) => alert.Time.AddSeconds(-s),
            _ when double.TryParse(Get("bucketSeconds"), NumberStyles.Float, CultureInfo.InvariantCulture, out var b) => alert.Time.AddSeconds(-b),
            _ => (DateTimeOffset?)null,
        };
        string Range() => from is { } start ? $"&from={Iso(start)}&to={Iso(alert.Time)}" : "";
        if (alert.Subject.StartsWith("client:", StringComparison.Ordinal))
            evidence.Add(($"/portal/keamanan?client={Uri.EscapeDataString(alert.Subject[7..])}{Range()}", t["alert.evidence.exchanges"]));
        else if (IsServiceLevel(alert))
        {
            evidence.Add(($"/portal/keamanan?api={Uri.EscapeDataString(api)}{Range()}", t["alert.evidence.exchanges"]));
            evidence.Add(($"/portal/sla?window={Uri.EscapeDataString(Get("window"))}", t["alert.evidence.sla"]));
        }
        foreach (var id in alert.SampleRequestIds)
            evidence.Add(($"/portal/keamanan?requestId={Uri.EscapeDataString(id)}", t.Format("alert.evidence.request", id)));
        return new AlertView(alert.Time, t["alert.kind." + alert.Kind], SubjectText(alert.Subject, t), summary, ActionText(alert.Action, t), evidence);
    }

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private static string SubjectText(string subject, PortalText t) => subject.Split(':', 2) switch
    {
        ["client", var id] => t.Format("alert.subject.client", id),
        ["ip", var address] => t.Format("alert.subject.ip", address),
        ["api", var api] => t.Format("alert.subject.api", api),
        _ => subject,
    };

    private static string ActionText(string action, PortalText t) => action switch
    {
        _ when action.StartsWith("blocked for ", StringComparison.Ordinal)
            && TimeSpan.TryParse(action["blocked for ".Length..], CultureInfo.InvariantCulture, out var duration) =>
            t.Format("alert.action.blocked", duration.TotalMinutes.ToString("0.#", t.Numbers)),
        "alert only" => t["alert.action.alertOnly"],
        "investigate-upstream" or "none" or "fallback-to-local-share" or "shared-limits-resumed" => t["alert.action." + action],
        _ => action,
    };
}
