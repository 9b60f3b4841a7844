using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.AntiAutomation.Plans;

/// <summary>
/// A subscription's plan enforced by a real gateway (Pasal 59 ayat (13) huruf c-e, ayat (6) huruf b): standard 429
/// answers, quotas, requests in flight, per-operation limits and plan changes without a restart. The exact window
/// arithmetic is tested on a clock the test moves (<see cref="PlanCounterTests"/>).
/// </summary>
public class PlanLimitTests
{
    [Fact]
    public async Task The_per_minute_limit_lets_exactly_n_through_then_answers_429_with_the_standard_headers_and_the_upstream_sees_only_n()
    {
        await using var plans = await PlanGateway.StartAsync();
        await plans.SavePlanAsync("uji", perMinute: 3, daily: 1000);
        var (caller, _) = await plans.CallerOnPlanAsync("uji");
        await PlanGateway.AwayFromMinuteBoundaryAsync();

        var allowed = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
            allowed.Add(await caller.GetAsync("/dinkes/faskes/v1/x"));
        var refused = await caller.GetAsync("/dinkes/faskes/v1/x");

        Assert.All(allowed, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal("\"client-minute\";q=3;w=60, \"client-day\";q=1000;w=86400", allowed[0].Headers.GetValues("RateLimit-Policy").Single());
        Assert.StartsWith("\"client-minute\";r=2;t=", allowed[0].Headers.GetValues("RateLimit").Single());
        Assert.Contains("\"client-day\";r=997;t=", allowed[2].Headers.GetValues("RateLimit").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);
        Assert.Equal("\"client-minute\";q=3;w=60", refused.Headers.GetValues("RateLimit-Policy").Single());
        Assert.StartsWith("\"client-minute\";r=0;t=", refused.Headers.GetValues("RateLimit").Single());
        Assert.Equal(3, plans.Upstream.Count);
    }

    [Fact]
    public async Task An_exhausted_daily_quota_is_refused_and_knocking_on_it_does_not_count()
    {
        await using var plans = await PlanGateway.StartAsync();
        await plans.SavePlanAsync("harian", daily: 2);
        var (caller, _) = await plans.CallerOnPlanAsync("harian");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await caller.GetAsync("/dinkes/faskes/v1/x")).StatusCode);
        var refused = await caller.GetAsync("/dinkes/faskes/v1/x");
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("\"client-day\";q=2;w=86400", refused.Headers.GetValues("RateLimit-Policy").Single());
        Assert.Contains("calendar day", problem.GetProperty("detail").GetString());
        // Retry-After points at the next midnight WIB, at most a day away.
        Assert.InRange(long.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, 86_400);
        Assert.Equal(2, plans.Upstream.Count);
    }

    [Fact]
    public async Task The_concurrency_limit_refuses_the_n_plus_first_request_in_flight_and_allows_it_again_after_release()
    {
        await using var plans = await PlanGateway.StartAsync();
        var upstream = new HeldUpstream(plans.Upstream);
        await plans.SavePlanAsync("sempit", concurrent: 2);
        var (caller, _) = await plans.CallerOnPlanAsync("sempit");

        var held = Enumerable.Range(0, 2).Select(_ => caller.GetAsync("/dinkes/faskes/v1/lambat")).ToArray();
        await upstream.WaitUntilHoldingAsync(2);
        var third = await caller.GetAsync("/dinkes/faskes/v1/lambat");
        upstream.Release();
        var completed = await Task.WhenAll(held);
        var afterRelease = await caller.GetAsync("/dinkes/faskes/v1/lambat");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("1", third.Headers.GetValues("Retry-After").Single());
        Assert.Equal("Too many requests in flight", JsonDocument.Parse(await third.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
        Assert.All(completed, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, afterRelease.StatusCode);
        Assert.Equal(3, plans.Upstream.Count);
    }

    [Fact]
    public async Task A_request_aborted_by_its_client_gives_its_slot_back()
    {
        await using var plans = await PlanGateway.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        plans.Upstream.Handler = async context =>
        {
            await Task.WhenAny(release.Task, Task.Delay(Timeout.Infinite, context.RequestAborted));
            if (!context.RequestAborted.IsCancellationRequested)
                await context.Response.WriteAsync("ok");
        };
        await plans.SavePlanAsync("tunggal", concurrent: 1);
        var (caller, _) = await plans.CallerOnPlanAsync("tunggal");

        using (var abort = new CancellationTokenSource())
        {
            var pending = caller.GetAsync("/dinkes/faskes/v1/lambat", abort.Token);
            await TestGateway.EventuallyAsync(() => Task.FromResult(plans.Upstream.Count == 1), TimeSpan.FromSeconds(10), "the request held at the upstream");
            abort.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        }
        release.SetResult();
        HttpStatusCode status = 0;
        await TestGateway.EventuallyAsync(async () => (status = (await caller.GetAsync("/dinkes/faskes/v1/x")).StatusCode) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "the aborted request's slot is free again");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_per_operation_limit_is_stricter_than_the_plan_for_that_operation_only()
    {
        await using var plans = await PlanGateway.StartAsync();
        await plans.SavePlanAsync("longgar", perMinute: 100);
        await AdminApiCalls.EnsureSuccessAsync(await plans.Gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{plans.ApiId}/operation-limits",
            new[] { new { method = "POST", pathTemplate = "/laporan/{id}", requestsPerMinute = 2L } }));
        var (caller, _) = await plans.CallerOnPlanAsync("longgar");
        await PlanGateway.AwayFromMinuteBoundaryAsync();

        var posts = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            posts.Add((await caller.PostAsync($"/dinkes/faskes/v1/laporan/{i}", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        var refused = await caller.PostAsync("/dinkes/faskes/v1/laporan/9", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        var get = await caller.GetAsync("/dinkes/faskes/v1/laporan/1");
        var otherPath = await caller.PostAsync("/dinkes/faskes/v1/lain", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], posts);
        Assert.Equal("\"operation:POST /laporan/{id}\";q=2;w=60", refused.Headers.GetValues("RateLimit-Policy").Single());
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherPath.StatusCode);
        Assert.StartsWith("\"client-minute\";r=97;", get.Headers.GetValues("RateLimit").Single()); // two POSTs and this GET: the refused POSTs used none of the plan
    }

    [Fact]
    public async Task A_changed_plan_and_a_subscription_moved_to_another_plan_take_effect_without_a_restart()
    {
        await using var plans = await PlanGateway.StartAsync();
        await plans.SavePlanAsync("kecil", daily: 2);
        await plans.SavePlanAsync("besar", daily: 4);
        var (caller, subscriptionId) = await plans.CallerOnPlanAsync("kecil");

        var onSmall = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            onSmall.Add((await caller.GetAsync("/dinkes/faskes/v1/x")).StatusCode);
        await plans.SavePlanAsync("kecil", daily: 3); // the administrator raises the plan's quota
        var raised = await caller.GetAsync("/dinkes/faskes/v1/x");
        var exhaustedAgain = await caller.GetAsync("/dinkes/faskes/v1/x");
        await plans.MovePlanAsync(subscriptionId, "besar"); // the same day's use carries over to the new plan
        var onLarge = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
            onLarge.Add((await caller.GetAsync("/dinkes/faskes/v1/x")).StatusCode);
        await plans.MovePlanAsync(subscriptionId, "Unlimited");
        var unlimited = await caller.GetAsync("/dinkes/faskes/v1/x");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], onSmall);
        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, exhaustedAgain.StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests], onLarge);
        Assert.Equal(HttpStatusCode.OK, unlimited.StatusCode);
        Assert.False(unlimited.Headers.Contains("RateLimit-Policy"));
    }

    [Fact]
    public async Task A_blocked_client_is_refused_whatever_its_plan_until_the_block_is_lifted()
    {
        await using var plans = await PlanGateway.StartAsync();
        var credentials = await plans.Gateway.CreateClientAsync("pemanggil", clientId: "aplikasi-diblokir");
        await plans.Gateway.SubscribeAsync(credentials.ClientId, plans.ApiId);
        var caller = plans.Gateway.CreateClient();
        caller.DefaultRequestHeaders.Authorization = new("Bearer", await plans.Gateway.GetTokenAsync(credentials));

        (await plans.Gateway.Admin.PostAsJsonAsync("/admin/v1/anti-automation/blocks", new { subject = "client:aplikasi-diblokir", duration = "00:10:00", reason = "uji" })).EnsureSuccessStatusCode();
        var blocked = await caller.GetAsync("/dinkes/faskes/v1/x");
        (await plans.Gateway.Admin.DeleteAsync("/admin/v1/anti-automation/blocks/client:aplikasi-diblokir")).EnsureSuccessStatusCode();
        var lifted = await caller.GetAsync("/dinkes/faskes/v1/x");

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        Assert.Equal(1, plans.Upstream.Count);
    }

    [Fact]
    public async Task An_administrator_sees_what_a_subscription_has_used_of_its_plan_without_using_it()
    {
        await using var plans = await PlanGateway.StartAsync();
        await plans.SavePlanAsync("terukur", perMinute: 10, daily: 50, concurrent: 3);
        await AdminApiCalls.EnsureSuccessAsync(await plans.Gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{plans.ApiId}/operation-limits",
            new[] { new { method = "POST", pathTemplate = "/laporan/{id}", requestsPerMinute = 5L } }));
        var (caller, subscriptionId) = await plans.CallerOnPlanAsync("terukur");
        var clientId = (await plans.Gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/subscriptions/{subscriptionId}")).GetProperty("clientId").GetString();
        for (var i = 0; i < 3; i++)
            (await caller.GetAsync("/dinkes/faskes/v1/x")).EnsureSuccessStatusCode();

        var usage = await plans.Gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/anti-automation/usage/{clientId}/{plans.ApiId}");
        var again = await plans.Gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/anti-automation/usage/{clientId}/{plans.ApiId}");
        var unknown = await plans.Gateway.Admin.GetAsync($"/admin/v1/anti-automation/usage/{clientId}/{Guid.NewGuid()}");

        Assert.Equal("terukur", usage.GetProperty("plan").GetString());
        Assert.Equal((0, 3), (usage.GetProperty("inFlight").GetInt64(), usage.GetProperty("maxConcurrentRequests").GetInt32()));
        var limits = usage.GetProperty("limits").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!);
        Assert.Equal(["client-minute", "client-day", "operation:POST /laporan/{id}"], limits.Keys);
        Assert.Equal((50, 3, 47), (limits["client-day"].GetProperty("limit").GetInt64(), limits["client-day"].GetProperty("used").GetInt64(), limits["client-day"].GetProperty("remaining").GetInt64()));
        Assert.Equal(0, limits["operation:POST /laporan/{id}"].GetProperty("used").GetInt64());
        Assert.Equal(3, again.GetProperty("limits")[1].GetProperty("used").GetInt64()); // reading counted nothing
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
