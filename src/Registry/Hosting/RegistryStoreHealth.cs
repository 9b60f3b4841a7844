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

    /// <summary>Records a failure; the first one of an outage sets its start. Returns the outage.</summary>
    public Outage ReportUnreachable(Exception cause)
    {
        var outage = new Outage(_outage?.Since ?? clock.GetUtcNow(), Describe(cause));
        _outage = outage;
        return outage;
    }

    /// <summary>
    /// What an operator needs from a failure: the database driver's own message (for example "Failed to connect to
    /// 10.0.0.5:5432") and the innermost cause ("Connection refused"), not the wrappers around them.
    /// </summary>
    public static string Describe(Exception failure)
    {
        if (failure is OperationCanceledException)
            return "the store did not answer in time";
        var driver = Chain(failure).FirstOrDefault(e => e is System.Data.Common.DbException) ?? failure;
        var root = failure.GetBaseException();
        return ReferenceEquals(driver, root) || driver.Message == root.Message ? driver.Message : $"{driver.Message} ({root.Message})";
    }

    private static IEnumerable<Exception> Chain(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
            yield return e;
    }
}
