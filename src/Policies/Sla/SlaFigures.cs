namespace SpbeConnector.Policies.Sla;

/// <summary>What a report says of one API or one OPD: the counts, the availability, and whether it is below the floor.</summary>
public sealed record SlaFigures(long Total, long Good, long Failed, long Slow, double? Availability, bool BelowFloor)
{
    /// <summary>Below the floor only with traffic: an API nobody called has not failed anybody.</summary>
    public static SlaFigures From(SlaCounts counts, double floor) =>
        new(counts.Total, counts.Good, counts.Failed, counts.Slow, counts.Availability, counts.Availability is { } a && a < floor);
}
