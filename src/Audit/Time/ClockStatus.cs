namespace SpbeConnector.Audit.Time;

/// <summary>
/// What the gateway knows about its clock: the source of its time, whether the kernel reports it synchronised (by
/// NTP or PTP), and the kernel's estimated and maximum error. Null when the platform cannot tell.
/// </summary>
public sealed record ClockStatus(string Source, bool? Synchronized, double? EstimatedErrorMs, double? MaxErrorMs);
