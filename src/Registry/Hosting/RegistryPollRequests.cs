namespace SpbeConnector.Registry.Hosting;

/// <summary>
/// Asks the <see cref="RegistryChangeMonitor"/> to poll now instead of at its next tick: a change notice from another
/// node (PostgreSQL NOTIFY) shortens the delay, and the periodic poll still heals a notice that was missed.
/// </summary>
public sealed class RegistryPollRequests
{
    private readonly SemaphoreSlim _requested = new(0, 1);

    public void Request()
    {
        try
        {
            _requested.Release();
        }
        catch (SemaphoreFullException)
        {
            // A poll is already requested; one covers every notice that arrived before it.
        }
    }

    /// <summary>Waits for a request or until <paramref name="interval"/> has passed, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan interval, CancellationToken ct) => _requested.WaitAsync(interval, ct);
}
