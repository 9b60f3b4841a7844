namespace SpbeConnector.Policies.AntiAutomation.Plans;

/// <summary>
/// Slots for requests in flight, per subject (Pasal 59 ayat (13) huruf c: simultaneous access to a function). A slot
/// is taken before the request goes on; disposing the lease gives it back, once.
/// </summary>
public interface IConcurrencyLimiter
{
    /// <summary>A lease on one of <paramref name="limit"/> slots of <paramref name="subject"/>, or null when all are taken.</summary>
    ValueTask<IDisposable?> TryAcquireAsync(string subject, int limit, CancellationToken cancellationToken);

    /// <summary>The slots of <paramref name="subject"/> taken now.</summary>
    ValueTask<long> InFlightAsync(string subject, CancellationToken cancellationToken);
}
