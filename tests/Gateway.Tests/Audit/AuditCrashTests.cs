using System.Collections.Concurrent;
using System.Text;
using Microsoft.Data.Sqlite;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Audit;

/// <summary>
/// Durability before effect, proven the hard way: the gateway runs as its own process under concurrent load and is
/// killed with SIGKILL mid-stream. After a restart on the same data directory, every request the upstream received has
/// a durable record, the log says the previous run did not stop cleanly, and the whole log verifies offline.
/// </summary>
[Collection(AuditCrashTests.RunsAlone)]
public class AuditCrashTests
{
    /// <summary>Two gateway processes and 16 load loops: run after the parallel tests, not beside their timing checks.</summary>
    public const string RunsAlone = "runs alone";

    [Fact]
    public async Task After_a_sigkill_under_load_every_request_the_upstream_received_is_in_the_log_and_the_log_verifies()
    {
        var data = Path.Combine(Path.GetTempPath(), "spbe-crash-" + Guid.NewGuid().ToString("N"));
        await using var upstream = await StubUpstream.StartAsync();
        var settings = new Dictionary<string, string> { ["Audit:CheckpointInterval"] = "00:00:00.200" };
        try
        {
            int sent;
            await using (var gateway = await GatewayProcess.StartAsync(data, settings))
            {
                using (var admin = await gateway.CreateAdminClientAsync())
                    await AdminApiCalls.PublishApiAsync(admin, "dinkes", "faskes", "v1", [upstream.BaseUrl]);
                using var client = gateway.CreateClient();
                await TestGateway.EventuallyAsync(async () => (await client.GetAsync("/dinkes/faskes/v1/ready")).IsSuccessStatusCode,
                    TimeSpan.FromSeconds(10), "the API is routed");
                upstream.Clear();

                // Concurrent load, then SIGKILL while requests are in flight.
                using var stop = new CancellationTokenSource();
                var counter = 0;
                var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        try
                        {
                            var n = Interlocked.Increment(ref counter);
                            await client.PostAsync($"/dinkes/faskes/v1/items/{n}", new StringContent($"{{\"n\":{n}}}", Encoding.UTF8, "application/json"), stop.Token);
                        }
                        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
                        {
                            if (stop.IsCancellationRequested)
                                return;
                        }
                    }
                })).ToArray();
                await TestGateway.EventuallyAsync(() => Task.FromResult(upstream.Count >= 300), TimeSpan.FromSeconds(60), "the upstream received load");
                await gateway.KillAsync();
                stop.Cancel();
                await Task.WhenAll(workers);
                sent = counter;
            }

            var received = upstream.Received.Select(r => r.Headers["X-Request-Id"]).ToList();
            Assert.True(received.Count >= 300, $"the upstream received {received.Count} requests of {sent} sent");

            // Every request the upstream acted on has its durable request record, even though the process was killed.
            SqliteConnection.ClearAllPools();
            var log = new AuditLogReader(data);
            var recorded = log.All("type = 'exchange.request'").Select(r => r.RequestId!).ToHashSet();
            var missing = received.Where(id => !recorded.Contains(id)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {received.Count} requests reached the upstream without a durable record, e.g. {missing.FirstOrDefault()}");

            // Restart: the log resumes, says the previous run ended uncleanly, and re-signs the records written after the last checkpoint.
            await using (var restarted = await GatewayProcess.StartAsync(data, settings))
            {
                using var client = restarted.CreateClient();
                Assert.True((await client.GetAsync("/dinkes/faskes/v1/after-restart")).IsSuccessStatusCode);
                await restarted.StopAsync();
            }
            SqliteConnection.ClearAllPools();
            var starts = log.All("type = 'gateway.start'");
            Assert.Contains("\"previousShutdown\":\"unclean\"", starts[^1].Text);

            var (exit, output) = await GatewayProcess.RunCommandAsync("audit", "verify", data);
            Assert.True(exit == 0, output);
            Assert.Contains("OK", output);
            Assert.DoesNotContain("not yet covered", output); // the clean stop signed everything
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }
}

[CollectionDefinition(AuditCrashTests.RunsAlone, DisableParallelization = true)]
public sealed class RunsAloneCollection;
