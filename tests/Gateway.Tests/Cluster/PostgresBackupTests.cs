using SpbeConnector.Gateway.Hosting;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Verification;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Cluster;

/// <summary>
/// Backup and restore with the registry and the audit log on PostgreSQL (Pasal 60 ayat (4) huruf g, Pasal 36): one
/// command dumps the database, one restores it into another; the restored audit log verifies and a node started on the
/// restored database serves what was published. A damaged dump is refused before anything is restored.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresBackupTests(ClusterServers servers)
{
    [Fact]
    public async Task A_backup_restored_into_another_database_verifies_and_serves_and_a_damaged_one_is_refused()
    {
        var original = await servers.NewDatabaseAsync();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "spbe-pgbackup-" + Guid.NewGuid().ToString("N"));
        var backup = Path.Combine(dataDirectory, "backup");
        try
        {
            await using var upstream = await StubUpstream.StartAsync();
            var settings = servers.NodeSettings(original);
            settings["Audit:Store"] = "PostgreSql";
            settings["Audit:NodeId"] = "node-b";
            await using (var node = await TestGateway.StartAsync(settings, dataDirectory))
            {
                await node.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
                for (var i = 0; i < 3; i++)
                    Assert.Equal(System.Net.HttpStatusCode.OK, (await node.Client.GetAsync($"/dinkes/faskes/v1/puskesmas/{i}")).StatusCode);
            }

            var output = new StringWriter();
            var error = new StringWriter();
            Assert.True(0 == await PostgresBackupCommandLine.RunAsync(["backup", backup, "--Registry:Provider=PostgreSql", $"--ConnectionStrings:Registry={original}"], output, error), error.ToString());
            Assert.Contains("sha256", output.ToString());

            var restored = await servers.NewDatabaseAsync();
            Assert.True(0 == await PostgresBackupCommandLine.RunAsync(["restore", backup, "--Registry:Provider=PostgreSql", $"--ConnectionStrings:Registry={restored}"], output, error), error.ToString());

            var before = await new PostgresAuditStore(original, "audit_node_b").GetNextSeqAsync(CancellationToken.None);
            var after = new PostgresAuditStore(restored, "audit_node_b");
            Assert.Equal(before, await after.GetNextSeqAsync(CancellationToken.None));
            var report = await new AuditLogVerifier().VerifyAsync(new StoreLogSource(after));
            Assert.True(report.Ok, string.Join("; ", report.Findings));

            settings["ConnectionStrings:Registry"] = restored;
            await using (var node = await TestGateway.StartAsync(settings, dataDirectory))
                Assert.Equal(System.Net.HttpStatusCode.OK, (await node.Client.GetAsync("/dinkes/faskes/v1/puskesmas/9")).StatusCode);

            await using (var dump = File.OpenWrite(Path.Combine(backup, PostgresBackupCommandLine.DumpFile)))
            {
                dump.Seek(-1, SeekOrigin.End);
                dump.WriteByte(0x42);
            }
            var refused = new StringWriter();
            Assert.Equal(1, await PostgresBackupCommandLine.RunAsync(["restore", backup, "--Registry:Provider=PostgreSql", $"--ConnectionStrings:Registry={restored}"], output, refused));
            Assert.Contains("does not match its manifest", refused.ToString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
        }
    }
}
