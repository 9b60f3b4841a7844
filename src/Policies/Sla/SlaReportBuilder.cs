namespace SpbeConnector.Policies.Sla;

/// <summary>
/// The computation of the service level: stored minutes to availability per API and per OPD, compared with the
/// floor. A pure function, so that it is tested against known sequences of outcomes.
/// </summary>
public static class SlaReportBuilder
{
    /// <summary>The first minute inside <paramref name="window"/> ending at <paramref name="now"/> (the current minute counts).</summary>
    public static long FirstMinute(SlaWindow window, DateTimeOffset now) =>
        now.ToUnixTimeSeconds() / 60 - (long)window.Length.TotalMinutes + 1;

    public static SlaReport Build(SlaWindow window, DateTimeOffset now, IReadOnlyList<SlaApiTotal> totals, SlaOptions options)
    {
        var apis = totals
            .OrderBy(t => t.ApiPath, StringComparer.Ordinal)
            .Select(t => new SlaApiReport(t.ApiPath, t.OpdCode, SlaFigures.From(t.Counts, options.Floor)))
            .ToArray();
        var opds = totals
            .GroupBy(t => t.OpdCode, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var sum = g.Aggregate(default(SlaCounts), (acc, t) => acc + t.Counts);
                return new SlaOpdReport(g.Key, g.Count(), SlaFigures.From(sum, options.Floor));
            })
            .ToArray();
        var from = DateTimeOffset.FromUnixTimeSeconds(FirstMinute(window, now) * 60);
        return new SlaReport(window.Name, from, now, options.Floor, options.LatencyThreshold, apis, opds);
    }

}
