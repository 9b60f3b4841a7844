using Npgsql;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Verification;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Cluster;

/// <summary>
/// The audit log on PostgreSQL (Pasal 59 ayat (9) huruf e): exchanges are recorded in the node's own schema, the log
/// verifies, and PostgreSQL itself refuses to change or remove a record, even for a client with its own connection.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresAuditLogTests(ClusterServers servers)
{
    [Fact]
    public async Task Exchanges_are_logged_in_postgresql_the_log_verifies_and_the_database_refuses_update_delete_and_truncate()
    {
        var database = await servers.NewDatabaseAsync();
        var settings = servers.NodeSettings(database);
        settings["Audit:Store"] = "PostgreSql";
        settings["Audit:NodeId"] = "node-a";
        await using var upstream = await StubUpstream.StartAsync();
        await using (var node = await TestGateway.StartAsync(settings))
        {
            await node.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
            for (var i = 0; i < 5; i++)
                Assert.Equal(System.Net.HttpStatusCode.OK, (await node.Client.GetAsync($"/dinkes/faskes/v1/puskesmas/{i}")).StatusCode);
        }

        var store = new PostgresAuditStore(database, "audit_node_a");
        var exchanges = new List<AuditRecordRow>();
        await foreach (var row in store.QueryAsync(new AuditQuery(Api: null, Limit: 1000), CancellationToken.None))
            exchanges.Add(row);
        Assert.True(exchanges.Count(r => r.Status == 200) >= 5, $"expected the 5 exchanges in the log, found {exchanges.Count} records");
        var report = await new AuditLogVerifier().VerifyAsync(new StoreLogSource(store));
        Assert.True(report.Ok, string.Join("; ", report.Findings));

        await using var connection = new NpgsqlConnection(database + ";Search Path=audit_node_a");
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            "UPDATE audit_records SET status = 500 WHERE seq = 1",
            "DELETE FROM audit_records WHERE seq = 1",
            "TRUNCATE audit_records",
            "UPDATE audit_checkpoints SET note = 'forged'",
            "DELETE FROM audit_keys",
            "INSERT INTO audit_records (seq, time_ms, type, record, leaf_hash) VALUES (1, 0, 'exchange', '\\x00', '\\x00')",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.True(refused.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {refused.SqlState} {refused.MessageText}");
            Assert.Contains("append-only", refused.MessageText);
        }
        Assert.Equal(200, (await store.GetRecordAsync(exchanges.First(r => r.Status == 200).Seq, CancellationToken.None))!.Status);

        // The recommended role (docs/cluster.md): owns nothing, may read, append and archive. The store opens with it
        // (no DDL when up to date), and PostgreSQL refuses it an UPDATE and disabling a trigger before any trigger runs.
        foreach (var sql in new[]
        {
            "CREATE ROLE spbe_audit_writer LOGIN",
            "GRANT USAGE ON SCHEMA audit_node_a TO spbe_audit_writer",
            "GRANT SELECT, INSERT, DELETE ON ALL TABLES IN SCHEMA audit_node_a TO spbe_audit_writer",
        })
        {
            await using var grant = new NpgsqlCommand(sql, connection);
            await grant.ExecuteNonQueryAsync();
        }
        var writerConnection = new NpgsqlConnectionStringBuilder(database) { Username = "spbe_audit_writer", SearchPath = "audit_node_a" }.ToString();
        var asWriter = new PostgresAuditStore(writerConnection, "audit_node_a");
        await asWriter.MigrateAsync(CancellationToken.None);
        Assert.Equal(await store.GetNextSeqAsync(CancellationToken.None), await asWriter.GetNextSeqAsync(CancellationToken.None));
        await using var writer = new NpgsqlConnection(writerConnection);
        await writer.OpenAsync();
        foreach (var sql in new[] { "UPDATE audit_records SET status = 500 WHERE seq = 1", "ALTER TABLE audit_records DISABLE TRIGGER audit_records_no_update" })
        {
            await using var command = new NpgsqlCommand(sql, writer);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.True(refused.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {refused.SqlState} {refused.MessageText}");
            Assert.DoesNotContain("append-only", refused.MessageText); // refused by privileges, before the trigger
        }
    }
}
