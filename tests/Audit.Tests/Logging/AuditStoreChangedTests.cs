using System.Diagnostics;
using SpbeConnector.Audit.Logging;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Audit.Tests.Logging;

/// <summary>
/// A record appended to the store from outside, under a running writer (a second gateway process on the same store),
/// makes the log stop appending and say why, at once, instead of retrying forever: every later append is refused
/// immediately, even after the other writer is gone.
/// </summary>
public class AuditStoreChangedTests
{
    [Fact]
    public async Task A_record_appended_from_outside_stops_the_writer_which_refuses_every_later_append_at_once_naming_the_cause()
    {
        await using var harness = await AuditLogHarness.StartAsync(configure: o => o.DurabilityTimeout = TimeSpan.FromSeconds(30));
        await harness.Log.AppendAsync(new AuditEvent("test", "before", "succeeded"));
        Assert.Null(harness.Log.HaltReason);

        // Another process appends the record this writer will number next, as a second gateway would.
        using (var outsider = harness.OpenStore())
        using (var insert = outsider.CreateCommand())
        {
            insert.CommandText = "INSERT INTO audit_records (seq, time_ms, type, record, leaf_hash) SELECT MAX(seq) + 1, 0, 'gateway.start', X'7B7D', X'00' FROM audit_records";
            Assert.Equal(1, insert.ExecuteNonQuery());
        }

        var watch = Stopwatch.StartNew();
        var refused = await Assert.ThrowsAsync<AuditUnavailableException>(async () => await harness.Log.AppendAsync(new AuditEvent("test", "after", "succeeded")));
        // Refused when the writer found the change, not after the 30 s durability timeout of a writer still retrying.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the append waited {watch.Elapsed} before being refused");
        Assert.Contains("another process wrote to its store", refused.Message);
        Assert.NotNull(harness.Log.HaltReason);

        watch.Restart();
        await Assert.ThrowsAsync<AuditUnavailableException>(async () => await harness.Log.AppendAsync(new AuditEvent("test", "later", "succeeded")));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "a later append was not refused at once");

        using var connection = harness.OpenStore();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM audit_records WHERE type = 'test'";
        Assert.Equal(1L, (long)count.ExecuteScalar()!); // nothing appended on top of the foreign record
    }
}
