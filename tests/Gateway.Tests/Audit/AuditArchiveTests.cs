using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Gateway.Hosting;
using SpbeConnector.Audit.Archive;
using SpbeConnector.TestSupport;
using SpbeConnector.Audit.CommandLine;

namespace SpbeConnector.Gateway.Tests.Audit;

/// <summary>
/// Retention: old records move to a JSON Lines archive with their checkpoints and consistency proofs, which verifies
/// offline on its own and together with the store that goes on from it.
/// </summary>
public class AuditArchiveTests
{
    [Fact]
    public async Task Archived_records_leave_the_store_the_archive_and_the_store_verify_and_a_changed_archive_does_not()
    {
        var data = Path.Combine(Path.GetTempPath(), "spbe-archive-" + Guid.NewGuid().ToString("N"));
        await using var upstream = await StubUpstream.StartAsync();
        try
        {
            long laterRecord;
            await using (var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Audit:CheckpointEveryRecords"] = "10" }, data))
            {
                await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
                for (var i = 0; i < 12; i++)
                    await gateway.Client.GetAsync($"/dinkes/faskes/v1/lama/{i}");
                await Task.Delay(50);
                var cutoff = DateTimeOffset.UtcNow;
                await Task.Delay(50);
                for (var i = 0; i < 12; i++)
                    await gateway.Client.GetAsync($"/dinkes/faskes/v1/baru/{i}");
                laterRecord = long.Parse((await gateway.Client.GetAsync("/dinkes/faskes/v1/baru/x")).Headers.GetValues("Spbe-Audit-Record").Single());

                var archive = await gateway.Services.GetRequiredService<AuditArchiver>().ArchiveBeforeAsync(cutoff, CancellationToken.None);

                Assert.NotNull(archive);
                Assert.True(archive.ArchivedBefore > 20, $"archived {archive.ArchivedBefore} records");
                var log = new AuditLogReader(data);
                Assert.Equal(archive.ArchivedBefore, log.All().First().Seq);
                Assert.True(File.Exists(Path.Combine(data, "audit", "archive", archive.FileName)));
                // Proofs for the records still in the store keep working across the archive boundary.
                Assert.Equal(HttpStatusCode.OK, (await gateway.Auditor.GetAsync($"/audit/v1/records/{laterRecord}/proof")).StatusCode);
                Assert.True(laterRecord >= archive.ArchivedBefore);
            }
            SqliteConnection.ClearAllPools();

            var output = new StringWriter();
            var exit = await AuditCommandLine.RunAsync(["verify", data], output, output);
            Assert.True(exit == AuditCommandLine.Verified, output.ToString());
            Assert.Contains(".jsonl", output.ToString());
            Assert.Contains("audit.db", output.ToString());

            var file = Directory.GetFiles(Path.Combine(data, "audit", "archive"), "*.jsonl").Single();
            var lines = await File.ReadAllLinesAsync(file);
            var index = Array.FindIndex(lines, l => l.Contains("\"type\":\"record\"") && l.Contains("\"seq\":7,"));
            lines[index] = lines[index].Replace("\"time\":\"2", "\"time\":\"1");
            await File.WriteAllLinesAsync(file, lines);
            var tampered = new StringWriter();
            Assert.Equal(AuditCommandLine.VerificationFailed, await AuditCommandLine.RunAsync(["verify", file], tampered, tampered));
            Assert.Contains("Record 7 was modified", tampered.ToString());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }
}
