using System.ComponentModel.DataAnnotations;

namespace SpbeConnector.Policies.Sla;

/// <summary>
/// The service level each API is held to (section <c>Sla</c>): Kota Bekasi Pasal 60 ayat (3) huruf m asks for at
/// least 95%. A request counts against an API when the gateway or its upstream failed it (5xx, timeout) or when it took
/// longer than <see cref="LatencyThreshold"/>; client errors (4xx) are answered correctly and count for it.
/// </summary>
public sealed class SlaOptions
{
    public const string Section = "Sla";

    /// <summary>The lowest floor the regulation allows (Kota Bekasi Pasal 60 ayat (3) huruf m: at least 95%).</summary>
    public const double MinimumFloor = 0.95;

    /// <summary>Off: nothing is recorded, no report, no alert.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The availability below which an API is out of its service level (0.95 = 95%). Never lower than
    /// <see cref="MinimumFloor"/>: the regulation's minimum is not a setting (checked at start, <see cref="SlaOptionsValidation"/>).
    /// </summary>
    public double Floor { get; set; } = 0.95;

    /// <summary>A response slower than this counts as a failure of the service level, even when it succeeded.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan LatencyThreshold { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The window the alert watches: <c>1d</c> (early warning) or <c>30d</c> (the reporting period).</summary>
    [RegularExpression("^(1d|30d)$")]
    public string AlertWindow { get; set; } = "1d";

    /// <summary>
    /// Fewer requests than this in the alert window are not judged: one failed request at night is not a breach of
    /// the service level worth waking anyone for.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MinimumRequestsForAlert { get; set; } = 20;

    /// <summary>How often counts are written to the store and the floor is checked. A crash loses at most this much.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The store of per-minute counts; <c>{data}/sla/sla.db</c> unless set.</summary>
    public string? StorePath { get; set; }
}
