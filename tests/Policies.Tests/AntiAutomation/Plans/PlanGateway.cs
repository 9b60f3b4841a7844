using System.Net.Http.Headers;
using System.Net.Http.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.AntiAutomation.Plans;

/// <summary>A gateway with one token-protected API and a way to put callers on plans, for the plan-limit tests.</summary>
internal sealed class PlanGateway : IAsyncDisposable
{
    private PlanGateway(TestGateway gateway, StubUpstream upstream, Guid apiId)
    {
        Gateway = gateway;
        Upstream = upstream;
        ApiId = apiId;
    }

    public TestGateway Gateway { get; }
    public StubUpstream Upstream { get; }
    public Guid ApiId { get; }

    public static async Task<PlanGateway> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var upstream = await StubUpstream.StartAsync();
        var gateway = await TestGateway.StartAsync(settings);
        var apiId = await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        return new PlanGateway(gateway, upstream, apiId);
    }

    /// <summary>Defines (or redefines) a plan through the admin API and waits until the data plane has it.</summary>
    public async Task SavePlanAsync(string name, long? perSecond = null, long? perMinute = null, long? daily = null, long? monthly = null, int? concurrent = null)
    {
        var plan = new { name, requestsPerSecond = perSecond, requestsPerMinute = perMinute, dailyQuota = daily, monthlyQuota = monthly, maxConcurrentRequests = concurrent };
        var exists = (await Gateway.Admin.GetAsync($"/admin/v1/plans/{name}")).IsSuccessStatusCode;
        await AdminApiCalls.EnsureSuccessAsync(exists
            ? await Gateway.Admin.PutAsJsonAsync($"/admin/v1/plans/{name}", plan)
            : await Gateway.Admin.PostAsJsonAsync("/admin/v1/plans", plan));
        await Gateway.WaitForAccessAsync();
    }

    /// <summary>A new client application subscribed to the API on <paramref name="plan"/>, with an access token in every request.</summary>
    public async Task<(HttpClient Caller, Guid SubscriptionId)> CallerOnPlanAsync(string plan)
    {
        var credentials = await Gateway.CreateClientAsync("pemanggil");
        var subscriptionId = await Gateway.SubscribeAsync(credentials.ClientId, ApiId);
        await MovePlanAsync(subscriptionId, plan);
        var caller = Gateway.CreateClient();
        caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Gateway.GetTokenAsync(credentials));
        return (caller, subscriptionId);
    }

    public async Task MovePlanAsync(Guid subscriptionId, string plan)
    {
        await AdminApiCalls.EnsureSuccessAsync(await Gateway.Admin.PutAsJsonAsync($"/admin/v1/subscriptions/{subscriptionId}/plan", new { plan, administratorDecision = true }));
        await Gateway.WaitForAccessAsync();
    }

    /// <summary>
    /// Per-minute windows are aligned to the clock's minutes: a test counting up to a per-minute limit starts at least
    /// five seconds before the next one, so that no window rolls over under it (a wait of at most five seconds).
    /// </summary>
    public static async Task AwayFromMinuteBoundaryAsync()
    {
        var second = DateTime.UtcNow.Second + DateTime.UtcNow.Millisecond / 1000.0;
        if (second > 55)
            await Task.Delay(TimeSpan.FromSeconds(60.2 - second));
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
