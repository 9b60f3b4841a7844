namespace SpbeConnector.Policies.Sla;

/// <summary>The service level per API and per OPD over one rolling window (Pasal 60 ayat (3) huruf m).</summary>
public sealed record SlaReport(
    string Window,
    DateTimeOffset From,
    DateTimeOffset To,
    double Floor,
    TimeSpan LatencyThreshold,
    IReadOnlyList<SlaApiReport> Apis,
    IReadOnlyList<SlaOpdReport> Opds);
