using Microsoft.AspNetCore.Http;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.AntiAutomation.Plans;

/// <summary>
/// Makes a stub upstream hold the requests whose path starts with <c>/lambat</c> until released, so that a test can
/// keep requests in flight; other requests are answered at once.
/// </summary>
internal sealed class HeldUpstream
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    public HeldUpstream(StubUpstream upstream) => upstream.Handler = async context =>
    {
        if (context.Request.Path.StartsWithSegments("/lambat"))
        {
            Interlocked.Increment(ref _held);
            await _release.Task;
        }
        await context.Response.WriteAsync("ok");
    };

    public Task WaitUntilHoldingAsync(int count) =>
        TestGateway.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref _held) == count), TimeSpan.FromSeconds(10), $"{count} requests held at the upstream");

    public void Release() => _release.SetResult();
}
