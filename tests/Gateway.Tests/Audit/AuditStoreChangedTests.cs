using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Audit;

/// <summary>
/// When the audit store changes under the running writer (another process appended to it), the gateway stops appending
/// and says so: strict-mode requests are refused at once with a 503 problem and never forwarded, the admin API answers
/// 503 rather than 500, and /readyz reports the cause (Pasal 59 ayat (9) huruf e: nothing is forwarded unrecorded).
/// </summary>
public class AuditStoreChangedTests
{
    [Fact]
    public async Task A_record_appended_from_outside_stops_the_log_and_requests_get_a_clear_503_and_readyz_says_why()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/dinkes/faskes/v1/items/1")).StatusCode);
        var forwarded = upstream.Count;

        using (var outsider = new SqliteConnection($"Data Source={Path.Combine(gateway.DataDirectory, "audit", "audit.db")};Pooling=False"))
        {
            outsider.Open();
            using var insert = outsider.CreateCommand();
            insert.CommandText = "INSERT INTO audit_records (seq, time_ms, type, record, leaf_hash) SELECT MAX(seq) + 1, 0, 'gateway.start', X'7B7D', X'00' FROM audit_records";
            insert.ExecuteNonQuery();
        }

        var refused = await gateway.Client.GetAsync("/dinkes/faskes/v1/items/2");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(forwarded, upstream.Count);

        var again = await gateway.Client.GetAsync("/dinkes/faskes/v1/items/3");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        Assert.Equal(forwarded, upstream.Count);

        var change = await gateway.Admin.PostAsync("/admin/v1/opds", JsonContent("""{"code":"bappeda","name":"Bappeda"}"""));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, change.StatusCode);
        Assert.Equal("application/problem+json", change.Content.Headers.ContentType?.MediaType);

        var ready = await gateway.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("stopped", body.GetProperty("audit").GetString());
        Assert.Contains("another process wrote to its store", body.GetProperty("auditCause").GetString());
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
