using SpbeConnector.Audit.Storage;

namespace SpbeConnector.Gateway.Tests.Cluster;

/// <summary>
/// One writer per PostgreSQL audit log (Pasal 59 ayat (9) huruf e): a second node configured with the same
/// <c>Audit:NodeId</c> (the same schema) is refused at start, naming the store and the fix, instead of appending to
/// the same log in turn; another node's log is its own; the log is free again once its writer lets go.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AuditWriterLeaseTests(ClusterServers servers)
{
    [Fact]
    public async Task A_second_writer_on_the_same_postgresql_audit_log_is_refused_until_the_first_lets_go()
    {
        var database = await servers.NewDatabaseAsync();
        var nodeA = new PostgresAuditStore(database, "audit_node_a");
        var sameNodeId = new PostgresAuditStore(database, "audit_node_a");
        var nodeB = new PostgresAuditStore(database, "audit_node_b");
        await nodeA.MigrateAsync(CancellationToken.None);
        await nodeB.MigrateAsync(CancellationToken.None);

        using (nodeA.AcquireWriterLease())
        {
            var refused = Assert.Throws<AuditWriterLeaseTakenException>(() => sameNodeId.AcquireWriterLease());
            Assert.Contains("audit_node_a", refused.Message);
            Assert.Contains("Audit:NodeId", refused.Message);
            using (nodeB.AcquireWriterLease())
            {
                // Another node's log is its own: both write at once.
            }
        }

        using (sameNodeId.AcquireWriterLease())
        {
            // Free again once the first writer let go.
        }
    }
}
