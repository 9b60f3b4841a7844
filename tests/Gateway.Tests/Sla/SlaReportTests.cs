using System.Net;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Sla;

/// <summary>
/// The service level through the running gateway (Kota Bekasi Pasal 60 ayat (3) huruf m): real exchanges are counted
/// per API, the floor alert reaches the alerts list, the report comes as JSON and CSV, and survives a restart.
/// </summary>
public class SlaReportTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Sla:LatencyThreshold"] = "00:00:01.500",
        ["Sla:MinimumRequestsForAlert"] = "5",
        ["Sla:EvaluationInterval"] = "00:00:00.200",
    };

    [Fact]
    public async Task Exchanges_are_counted_per_API_and_OPD_an_API_below_the_floor_alerts_and_the_report_survives_a_restart()
    {
        await using var upstream = await StubUpstream.StartAsync("faskes");
        upstream.Handler = async context =>
        {
            switch (context.Request.Path.Value)
            {
                case "/fail":
                    context.Response.StatusCode = 500;
                    return;
                case "/slow":
                    await Task.Delay(2500);
                    break;
                case "/missing":
                    context.Response.StatusCode = 404;
                    return;
            }
            await context.Response.WriteAsync("{}");
        };
        var directory = Path.Combine(Path.GetTempPath(), "spbe-sla-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var gateway = await TestGateway.StartAsync(Settings, directory))
            {
                await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
                // A first exchange through another OPD's API warms the gateway up, so that no cold start counts as slow here.
                await gateway.PublishPublicApiAsync("diskominfo", "pemanasan", "v1", [upstream.BaseUrl]);
                await gateway.Client.GetAsync("/diskominfo/pemanasan/v1/ok");
                await gateway.PublishPublicApiAsync("dinkes", "sepi", "v1", [upstream.BaseUrl]); // never called
                foreach (var (path, times) in new[] { ("ok", 6), ("slow", 1), ("fail", 3), ("missing", 2) })
                {
                    for (var i = 0; i < times; i++)
                        await gateway.Client.GetAsync($"/dinkes/faskes/v1/{path}");
                }

                // 8 of 12 answered well and in time: 67%, below the 95% floor — one alert in the alerts list.
                await TestGateway.EventuallyAsync(async () => (await SlaAlertsAsync(gateway)).Length > 0, TimeSpan.FromSeconds(10), "the SLA alert is raised");
                await Task.Delay(600); // several more evaluations
                var alert = Assert.Single(await SlaAlertsAsync(gateway));
                Assert.Equal("sla-below-floor", alert.GetProperty("kind").GetString());
                Assert.Equal("api:dinkes/faskes/v1", alert.GetProperty("subject").GetString());

                var report = JsonDocument.Parse(await gateway.Admin.GetStringAsync("/admin/v1/sla?window=1d")).RootElement;
                Assert.Equal("1d", report.GetProperty("window").GetString());
                Assert.Equal(0.95, report.GetProperty("floor").GetDouble());
                var api = report.GetProperty("apis").EnumerateArray().Single(a => a.GetProperty("api").GetString() == "dinkes/faskes/v1");
                Assert.Equal("dinkes", api.GetProperty("opdCode").GetString());
                var figures = api.GetProperty("figures");
                Assert.Equal((12, 8, 3, 1), (figures.GetProperty("total").GetInt32(), figures.GetProperty("good").GetInt32(),
                    figures.GetProperty("failed").GetInt32(), figures.GetProperty("slow").GetInt32()));
                Assert.True(figures.GetProperty("belowFloor").GetBoolean());
                var quiet = report.GetProperty("apis").EnumerateArray().Single(a => a.GetProperty("api").GetString() == "dinkes/sepi/v1").GetProperty("figures");
                Assert.Equal(0, quiet.GetProperty("total").GetInt32());
                Assert.Equal(JsonValueKind.Null, quiet.GetProperty("availability").ValueKind);
                Assert.False(quiet.GetProperty("belowFloor").GetBoolean());
                Assert.Equal(12, report.GetProperty("opds").EnumerateArray().Single(o => o.GetProperty("opdCode").GetString() == "dinkes").GetProperty("figures").GetProperty("total").GetInt32());

                var csv = await gateway.Admin.GetAsync("/admin/v1/sla.csv?window=30d");
                Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
                var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal("scope,opd,api,window,from,to,total,good,failed,slow,availability,floor,below_floor", lines[0]);
                var faskes = Assert.Single(lines, l => l.StartsWith("api,dinkes,dinkes/faskes/v1,30d,", StringComparison.Ordinal));
                Assert.EndsWith(",12,8,3,1,0.666667,0.95,true", faskes);
                Assert.Single(lines, l => l.StartsWith("opd,dinkes,,30d,", StringComparison.Ordinal));

                var metrics = await gateway.Client.GetStringAsync("/metrics");
                Assert.Contains("spbe_sla_availability{api=\"dinkes/faskes/v1\",opd=\"dinkes\",window=\"1d\"} 0.666", metrics);

                var unknown = await gateway.Admin.GetAsync("/admin/v1/sla?window=7d");
                Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
                Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
                Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Client.GetAsync("/admin/v1/sla")).StatusCode);
            }

            // A restart keeps the window: the counts were written to the data directory.
            await using (var restarted = await TestGateway.StartAsync(Settings, directory))
            {
                var report = JsonDocument.Parse(await restarted.Admin.GetStringAsync("/admin/v1/sla")).RootElement;
                Assert.Equal("30d", report.GetProperty("window").GetString());
                Assert.Equal(12, report.GetProperty("apis").EnumerateArray().Single(a => a.GetProperty("api").GetString() == "dinkes/faskes/v1").GetProperty("figures").GetProperty("total").GetInt32());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<JsonElement[]> SlaAlertsAsync(TestGateway gateway) =>
        JsonDocument.Parse(await gateway.Admin.GetStringAsync("/admin/v1/anti-automation/alerts")).RootElement.EnumerateArray()
            .Where(a => a.GetProperty("kind").GetString()!.StartsWith("sla-", StringComparison.Ordinal)).ToArray();
}
