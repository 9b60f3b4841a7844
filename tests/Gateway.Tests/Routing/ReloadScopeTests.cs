using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Gateway.Routing;
using SpbeConnector.Policies.Access;
using SpbeConnector.Registry.Hosting;
using SpbeConnector.Registry.Storage;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Routing;

/// <summary>
/// A registry write reloads exactly what it changed, once: nothing for a write that routes nothing, one route reload
/// for a publication, access rules only for an access change, and the change monitor never signals this node's own
/// writes a second time. Counted through the reload counters behind <c>spbe_routes_reloads_total</c>,
/// <c>spbe_access_reloads_total</c> and <c>spbe_registry_change_signals_total</c>; no deadline is asserted.
/// </summary>
[Collection(TimingCollection.Name)]
public class ReloadScopeTests
{
    /// <summary>Long enough for several polls of the change monitor (200 ms in the tests).</summary>
    private static readonly TimeSpan SeveralPolls = TimeSpan.FromSeconds(1.2);

    [Fact]
    public async Task Registering_an_api_and_moving_it_from_Draft_to_Submitted_to_Approved_reloads_no_routes()
    {
        await using var gateway = await StartAsync();
        var (routes, _, _) = Counters(gateway);
        var version = await ConfigVersionAsync(gateway);
        var reloads = routes.Reloads;

        await gateway.EnsureOpdAsync("dinkes");
        var api = await gateway.RegisterApiAsync("dinkes", "antre", "v1", ["http://127.0.0.1:9"], through: "Submitted", isPublic: true);
        await gateway.Approvals.ApprovePendingAsync(api); // the profile's stages: Submitted -> Approved
        await Task.Delay(SeveralPolls);

        Assert.Equal(version, await ConfigVersionAsync(gateway));
        Assert.Equal(reloads, routes.Reloads);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/dinkes/antre/v1/x")).StatusCode);
    }

    [Fact]
    public async Task A_publication_reloads_routes_once_and_is_in_force_after_that_one_reload()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await StartAsync();
        var api = await gateway.RegisterApiAsync("dinkes", "antre", "v1", [upstream.BaseUrl], through: "Approved", isPublic: true);
        var (routes, _, access) = Counters(gateway);
        var reloads = routes.Reloads;
        var accessReloads = access.Reloads;

        await gateway.MoveApiAsync(api, "Published");
        await gateway.WaitForRoutesAsync();

        Assert.Equal(reloads + 1, routes.Reloads);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/dinkes/antre/v1/x")).StatusCode);
        await Task.Delay(SeveralPolls);
        // Neither the monitor's polls nor the access rules reload anything more for it.
        Assert.Equal(reloads + 1, routes.Reloads);
        Assert.Equal(accessReloads, access.Reloads);
    }

    [Fact]
    public async Task A_change_to_an_api_setting_routed_is_one_reload_and_the_same_setting_again_is_none()
    {
        await using var a = await StubUpstream.StartAsync("a");
        await using var b = await StubUpstream.StartAsync("b");
        await using var gateway = await StartAsync();
        var api = await gateway.PublishApiAsync("dinkes", "antre", "v1", [a.BaseUrl], isPublic: true);
        var (routes, _, _) = Counters(gateway);
        var reloads = routes.Reloads;

        await gateway.UpdateUpstreamsAsync(api, [b.BaseUrl]);
        await gateway.WaitForRoutesAsync();
        Assert.Equal(reloads + 1, routes.Reloads);
        var toA = a.Count;
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/dinkes/antre/v1/x")).StatusCode);
        Assert.Equal(1, b.Count);
        Assert.Equal(toA, a.Count);

        // The same upstreams written again: a write, but no change of what is routed.
        var version = await ConfigVersionAsync(gateway);
        await gateway.UpdateUpstreamsAsync(api, [b.BaseUrl]);
        await Task.Delay(SeveralPolls);
        Assert.Equal(version, await ConfigVersionAsync(gateway));
        Assert.Equal(reloads + 1, routes.Reloads);
    }

    [Fact]
    public async Task The_change_monitor_does_not_signal_this_nodes_own_writes_but_does_signal_another_process()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await StartAsync();
        var (routes, monitor, _) = Counters(gateway);
        // The first poll signals unconditionally (a change stored before it must not be missed).
        await TestGateway.EventuallyAsync(() => Task.FromResult(monitor.RouteSignals >= 1 && monitor.AccessSignals >= 1), TimeSpan.FromSeconds(5), "the first poll ran");
        var routeSignals = monitor.RouteSignals;
        var accessSignals = monitor.AccessSignals;

        var api = await gateway.PublishApiAsync("dinkes", "antre", "v1", [upstream.BaseUrl]);
        var client = await gateway.CreateClientAsync("pemanggil");
        await gateway.SubscribeAsync(client.ClientId, api);
        await gateway.WaitForAccessAsync();
        await Task.Delay(SeveralPolls);

        Assert.Equal(routeSignals, monitor.RouteSignals);
        Assert.Equal(accessSignals, monitor.AccessSignals);

        // Another process (a node sharing the store, the command line) retires the API: that is signalled and in force.
        var reloads = routes.Reloads;
        await StoreEditBehindTheGateway.RetireAsync(gateway, api);
        await TestGateway.EventuallyAsync(() => Task.FromResult(monitor.RouteSignals == routeSignals + 1), TimeSpan.FromSeconds(5), "the monitor signals the other process's change");
        await gateway.WaitForRoutesAsync();
        Assert.Equal(reloads + 1, routes.Reloads);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/dinkes/antre/v1/x")).StatusCode);
        Assert.Equal(accessSignals, monitor.AccessSignals);
    }

    [Fact]
    public async Task Client_and_subscription_changes_reload_the_access_rules_only()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await StartAsync();
        var api = await gateway.PublishApiAsync("dinkes", "antre", "v1", [upstream.BaseUrl]);
        var (routes, _, access) = Counters(gateway);
        var reloads = routes.Reloads;
        var version = await ConfigVersionAsync(gateway);
        var accessReloads = access.Reloads;

        var client = await gateway.CreateClientAsync("pemanggil");
        var subscription = await gateway.SubscribeAsync(client.ClientId, api, approve: false);
        await gateway.Approvals.ApproveSubscriptionAsync(subscription); // the OPD's decider under the profile
        await gateway.WaitForAccessAsync();
        await Task.Delay(SeveralPolls);

        Assert.True(access.Reloads > accessReloads, "the access rules were reloaded");
        Assert.Equal(reloads, routes.Reloads);
        Assert.Equal(version, await ConfigVersionAsync(gateway));
        using var caller = gateway.CreateClient();
        caller.DefaultRequestHeaders.Authorization = new("Bearer", await gateway.GetTokenAsync(client));
        Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync("/dinkes/antre/v1/x")).StatusCode);
    }

    [Fact]
    public async Task An_existing_route_keeps_serving_while_other_apis_are_published_and_retired()
    {
        await using var busy = await StubUpstream.StartAsync("busy");
        await using var other = await StubUpstream.StartAsync("other");
        await using var gateway = await StartAsync();
        await gateway.PublishApiAsync("dinkes", "layanan", "v1", [busy.BaseUrl], isPublic: true);
        var (routes, _, _) = Counters(gateway);
        var pending = new List<Guid>();
        for (var i = 0; i < 4; i++)
            pending.Add(await gateway.RegisterApiAsync("dinkes", $"baru{i}", "v1", [other.BaseUrl], through: "Approved", isPublic: true));
        var reloads = routes.Reloads;

        using var load = new LoadRun(gateway, "/dinkes/layanan/v1/ping", workers: 4);
        await TestGateway.EventuallyAsync(() => Task.FromResult(load.Succeeded > 20), TimeSpan.FromSeconds(10), "the load is running");
        foreach (var api in pending)
        {
            await gateway.MoveApiAsync(api, "Published");
            await gateway.WaitForRoutesAsync();
        }
        await gateway.MoveApiAsync(pending[0], "Retired");
        await gateway.WaitForRoutesAsync();
        var before = load.Succeeded;
        await TestGateway.EventuallyAsync(() => Task.FromResult(load.Succeeded > before + 20), TimeSpan.FromSeconds(10), "the load goes on after the reloads");
        var result = await load.StopAsync();

        Assert.Empty(result.Failures);
        Assert.Equal(reloads + 5, routes.Reloads);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/dinkes/baru3/v1/x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/dinkes/baru0/v1/x")).StatusCode);
    }

    private static Task<TestGateway> StartAsync() => TestGateway.StartAsync();

    private static (RegistryProxyConfigProvider Routes, RegistryChangeMonitor Monitor, AccessSnapshotCache Access) Counters(TestGateway gateway) =>
        (gateway.Services.GetRequiredService<RegistryProxyConfigProvider>(),
         gateway.Services.GetRequiredService<RegistryChangeMonitor>(),
         gateway.Services.GetRequiredService<AccessSnapshotCache>());

    private static async Task<long> ConfigVersionAsync(TestGateway gateway)
    {
        var contexts = gateway.Services.GetRequiredService<IDbContextFactory<RegistryDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.State.AsNoTracking().Select(s => s.ConfigVersion).SingleAsync();
    }
}
