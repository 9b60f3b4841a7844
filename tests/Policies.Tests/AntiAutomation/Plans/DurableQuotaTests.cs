using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SpbeConnector.Policies.AntiAutomation;
using SpbeConnector.Policies.AntiAutomation.Plans;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.AntiAutomation.Plans;

/// <summary>
/// Without Redis, the plans' day and month counts survive a restart of the gateway (Pasal 59 ayat (13) huruf c-e): a
/// client cannot reset its quota by waiting for a restart, nor an operator by accident.
/// </summary>
public class DurableQuotaTests
{
    // 10:00:00 WIB on 22 November 2026.
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Counts_saved_by_one_counter_are_where_the_next_one_on_the_same_store_goes_on()
    {
        var path = Path.Combine(Path.GetTempPath(), "spbe-rate-" + Guid.NewGuid().ToString("N") + ".db");
        var rules = new PlanRuleSet(new PlanLimits(Guid.NewGuid(), "uji", null, null, 3, 10, null), QuotaTimeZone.Default).Rules;
        var clock = new ManualClock(Start);
        try
        {
            using (var store = new RateLimitCounterStore(path))
            {
                var before = new DurableRateLimitCounter(new LocalRateLimitCounter(clock), store, clock, NullLogger<DurableRateLimitCounter>.Instance);
                await before.StartAsync(CancellationToken.None);
                for (var i = 0; i < 3; i++)
                    Assert.True((await before.HitAllAsync("client|api", rules, CancellationToken.None)).Allowed);
                before.Flush(); // what the periodic flush does every second: no stop, as after SIGKILL
            }

            clock.Advance(TimeSpan.FromHours(1));
            using (var store = new RateLimitCounterStore(path))
            {
                var after = new DurableRateLimitCounter(new LocalRateLimitCounter(clock), store, clock, NullLogger<DurableRateLimitCounter>.Instance);
                await after.StartAsync(CancellationToken.None);
                var refused = await after.HitAllAsync("client|api", rules, CancellationToken.None);
                Assert.False(refused.Allowed);
                Assert.Equal("client-day", rules[refused.RefusedIndex].Name);

                // The next day the daily quota renews, and the month goes on from 3.
                clock.Advance(TimeSpan.FromDays(1));
                Assert.True((await after.HitAllAsync("client|api", rules, CancellationToken.None)).Allowed);
                var month = (await after.PeekAllAsync("client|api", rules, CancellationToken.None)).Single(d => d.Limit == 10);
                Assert.Equal(6, month.Remaining);
                await after.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
                File.Delete(file);
        }
    }

    [Fact]
    public async Task A_daily_quota_used_up_before_a_restart_is_still_used_up_after_it()
    {
        var data = Path.Combine(Path.GetTempPath(), "spbe-quota-" + Guid.NewGuid().ToString("N"));
        await using var upstream = await StubUpstream.StartAsync();
        try
        {
            TestClientCredentials credentials;
            await using (var gateway = await TestGateway.StartAsync(dataDirectory: data))
            {
                var apiId = await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
                await AdminApiCalls.EnsureSuccessAsync(await gateway.Admin.PostAsJsonAsync("/admin/v1/plans", new { name = "harian", dailyQuota = 3, monthlyQuota = 100 }));
                credentials = await gateway.CreateClientAsync("pemanggil");
                var subscriptionId = await gateway.SubscribeAsync(credentials.ClientId, apiId);
                await AdminApiCalls.EnsureSuccessAsync(await gateway.Admin.PutAsJsonAsync($"/admin/v1/subscriptions/{subscriptionId}/plan", new { plan = "harian", administratorDecision = true }));
                await gateway.WaitForAccessAsync();
                using var caller = await CallerAsync(gateway, credentials);
                for (var i = 0; i < 3; i++)
                    Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync("/dinkes/faskes/v1/x")).StatusCode);
            }

            await using (var restarted = await TestGateway.StartAsync(dataDirectory: data))
            {
                await restarted.WaitForAccessAsync();
                using var caller = await CallerAsync(restarted, credentials);
                var refused = await caller.GetAsync("/dinkes/faskes/v1/x");
                Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
                Assert.Equal("\"client-day\";q=3;w=86400", refused.Headers.GetValues("RateLimit-Policy").First(p => p.Contains("client-day")));
            }
            Assert.Equal(3, upstream.Count);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<HttpClient> CallerAsync(TestGateway gateway, TestClientCredentials credentials)
    {
        var caller = gateway.CreateClient();
        caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await gateway.GetTokenAsync(credentials));
        return caller;
    }
}
