using System.Collections.Concurrent;
using System.Net;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Routing;

/// <summary>Concurrent clients sending requests in a loop, recording every failure.</summary>
internal sealed class LoadRun : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private readonly ConcurrentQueue<string> _failures = new();
    private int _succeeded;

    public LoadRun(TestGateway gateway, string path, int workers)
    {
        _workers = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            using var client = gateway.CreateClient();
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync(path);
                    if (response.StatusCode == HttpStatusCode.OK)
                        Interlocked.Increment(ref _succeeded);
                    else
                        _failures.Enqueue($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
                catch (Exception ex)
                {
                    _failures.Enqueue(ex.GetType().Name + ": " + ex.Message);
                }
            }
        })).ToArray();
    }

    public int Succeeded => Volatile.Read(ref _succeeded);

    public async Task<(int Succeeded, string[] Failures)> StopAsync()
    {
        _stop.Cancel();
        await Task.WhenAll(_workers);
        return (Succeeded, _failures.ToArray());
    }

    public void Dispose() => _stop.Cancel();
}
