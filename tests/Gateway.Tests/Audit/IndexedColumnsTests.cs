using SpbeConnector.Audit.CommandLine;
using System.Net;
using SpbeConnector.Gateway.Hosting;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Audit;

/// <summary>
/// The verifier derives every indexed column from the record itself; on a genuine log of every kind of record
/// (exchanges forwarded and refused, with and without a client, admin changes, token grants) they all agree, so
/// `audit verify` passes, and the security view's filters find what the records say.
/// </summary>
public class IndexedColumnsTests
{
    [Fact]
    public async Task A_genuine_log_with_clients_refusals_and_admin_changes_verifies_column_by_column()
    {
        var data = Path.Combine(Path.GetTempPath(), "spbe-columns-" + Guid.NewGuid().ToString("N"));
        await using var upstream = await StubUpstream.StartAsync();
        try
        {
            await using (var gateway = await TestGateway.StartAsync(dataDirectory: data))
            {
                var apiId = await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
                using var caller = await gateway.CreateCallerAsync(apiId);
                Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync("/dinkes/faskes/v1/items/1")).StatusCode);
                Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Client.GetAsync("/dinkes/faskes/v1/items/2")).StatusCode);
                await caller.PostAsync("/dinkes/faskes/v1/items", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
                // An admin change refused (the OPD exists): a control record with a status and a refusal.
                await gateway.Admin.PostAsync("/admin/v1/opds", new StringContent("""{"code":"dinkes","name":"Dinas Kesehatan"}""", System.Text.Encoding.UTF8, "application/json"));
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var log = new AuditLogReader(data);
            Assert.Contains(log.All("refused_by IS NOT NULL"), r => r.Type == "exchange");
            Assert.Contains(log.All("client_id IS NOT NULL"), r => r.Type == "exchange.response");

            var output = new StringWriter();
            var exit = await AuditCommandLine.RunAsync(["verify", data], output, output);
            Assert.True(exit == AuditCommandLine.Verified, output.ToString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }
}
