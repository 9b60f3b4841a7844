namespace SpbeConnector.Registry.Hosting;

/// <summary>
/// Whether the registry's store answered the last poll, and if not, since when and why. A node keeps serving its last
/// known routes and access rules while the store is unreachable (Pasal 60 ayat (3) huruf m: service level), and says so
/// in <c>/readyz</c>.
/// </summary>
public sealed class RegistryStoreHealth(TimeProvider clock)
{
    private volatile Outage? _outage;

    public sealed record Outage(DateTimeOffset Since, string Cause);

    /// <summary>The outage in progress, or null when the last poll succeeded.</summary>
    public Outage? Current => _outage;

    /// <summary>Records a success; returns true when it ends an outage (the caller then reconciles).</summary>
    public bool ReportReachable()
    {
        var ended = _outage is not null;
        _outage = null;
        return ended;
    }

    /// <summary>Records a failure; the first one of an outage sets its start.</summary>
    public void ReportUnreachable(Exception cause)
    {
        var message = cause.GetBaseException().Message;
        _outage = new Outage(_outage?.Since ?? clock.GetUtcNow(), $"{cause.GetType().Name}: {message}");
    }
}
