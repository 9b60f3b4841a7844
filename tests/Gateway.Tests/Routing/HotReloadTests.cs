using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Routing;

/// <summary>Registry changes take effect without a restart, within one second, and break no request.</summary>
[Collection(TimingCollection.Name)]
public class HotReloadTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Upstream_change_publish_and_retire_take_effect_within_a_second_while_a_load_runs_without_failures()
    {
        await using var a = await StubUpstream.StartAsync("a");
        await using var b = await StubUpstream.StartAsync("b");
        await using var c = await StubUpstream.StartAsync("c");
        await using var gateway = await TestGateway.StartAsync();
        var busy = await gateway.PublishApiAsync("dinkes", "layanan", "v1", [a.BaseUrl], isPublic: true);
        var old = await gateway.PublishApiAsync("dinkes", "lama", "v1", [c.BaseUrl], isPublic: true);

        using var load = new LoadRun(gateway, "/dinkes/layanan/v1/ping", workers: 8);
        await TestGateway.EventuallyAsync(() => Task.FromResult(load.Succeeded > 50), TimeSpan.FromSeconds(10), "the load is running");

        // 1. A new upstream for the API under load.
        await InForceWithinASecondAsync(gateway, () => gateway.UpdateUpstreamsAsync(busy, [b.BaseUrl]));
        await TestGateway.EventuallyAsync(() => Task.FromResult(b.Count > 0), TimeSpan.FromSeconds(5), "requests reach the new upstream");
        await Task.Delay(200); // requests already past routing finish on the old upstream
        var aAfterSwitch = a.Count;

        // 2. A newly published API.
        var fresh = await gateway.RegisterApiAsync("dinkes", "baru", "v1", [b.BaseUrl], through: "Approved", isPublic: true);
        await InForceWithinASecondAsync(gateway, () => gateway.MoveApiAsync(fresh, "Published"));
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/dinkes/baru/v1/x")).StatusCode);

        // 3. A retired API.
        await InForceWithinASecondAsync(gateway, () => gateway.MoveApiAsync(old, "Retired"));
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/dinkes/lama/v1/x")).StatusCode);

        await Task.Delay(300);
        var result = await load.StopAsync();

        Assert.True(result.Succeeded > 200, $"only {result.Succeeded} requests completed under load");
        Assert.Empty(result.Failures);
        // Once the change is in force, no new request goes to the old upstream.
        Assert.Equal(aAfterSwitch, a.Count);
    }

    [Fact]
    public async Task A_request_in_flight_completes_when_its_api_is_retired_meanwhile()
    {
        await using var slow = await StubUpstream.StartAsync("slow");
        var arrived = new TaskCompletionSource();
        slow.Handler = async context =>
        {
            arrived.TrySetResult();
            await Task.Delay(1500);
            await context.Response.WriteAsync("done");
        };
        await using var gateway = await TestGateway.StartAsync();
        var api = await gateway.PublishApiAsync("dinkes", "lambat", "v1", [slow.BaseUrl], isPublic: true);

        var inFlight = gateway.Client.GetAsync("/dinkes/lambat/v1/work");
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await InForceWithinASecondAsync(gateway, () => gateway.MoveApiAsync(api, "Retired"));
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/dinkes/lambat/v1/other")).StatusCode);
        Assert.False(inFlight.IsCompleted);

        var response = await inFlight;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("done", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_change_written_to_the_store_by_another_process_is_picked_up_within_a_second()
    {
        await using var upstream = await StubUpstream.StartAsync();
        // The product's default poll interval, not the tests' shorter one.
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Registry:ChangePollInterval"] = null });
        var api = await gateway.PublishApiAsync("dinkes", "luar", "v1", [upstream.BaseUrl], isPublic: true);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/dinkes/luar/v1/x")).StatusCode);

        // Another node (or the command line) retires the API directly in the shared store.
        await StoreEditBehindTheGateway.RetireAsync(gateway, api);

        var changed = Stopwatch.StartNew();
        await gateway.WaitForRoutesAsync();
        Assert.True(changed.Elapsed < OneSecond, $"the change took {changed.ElapsedMilliseconds} ms to be in force");
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/dinkes/luar/v1/x")).StatusCode);
    }

    [Fact]
    public async Task A_change_stored_by_another_process_before_the_first_poll_is_not_missed()
    {
        await using var upstream = await StubUpstream.StartAsync();
        // A long poll interval, so that the change lands between the first load and the first poll.
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Registry:ChangePollInterval"] = "00:00:01.500" });
        var api = await gateway.PublishApiAsync("dinkes", "awal", "v1", [upstream.BaseUrl], isPublic: true);
        await StoreEditBehindTheGateway.RetireAsync(gateway, api);

        // Without a signal from the first poll, the node would route the retired API until some later change.
        await gateway.WaitForRoutesAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/dinkes/awal/v1/x")).StatusCode);
    }

    /// <summary>
    /// Makes a registry change and asserts that the gateway has put it in force (YARP applied the new routes) within
    /// one second of the change being stored; measured on the server's side, not through a client's round trip.
    /// </summary>
    private static async Task InForceWithinASecondAsync(TestGateway gateway, Func<Task> change)
    {
        await change();
        var stored = Stopwatch.StartNew();
        await gateway.WaitForRoutesAsync();
        Assert.True(stored.Elapsed < OneSecond, $"the change took {stored.ElapsedMilliseconds} ms to be in force");
    }
}
