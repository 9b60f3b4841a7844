using System.Net;
using SpbeConnector.Gateway.Hosting;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Hosting;

/// <summary>
/// One server process per data directory: a second server on the same directory refuses to start, naming the first,
/// and the first keeps serving (two servers once appended to the same SQLite audit log and broke each other's sequence).
/// </summary>
public class DataDirectoryLockTests
{
    [Fact]
    public async Task A_second_server_on_the_same_data_directory_refuses_to_start_naming_the_first_which_keeps_serving()
    {
        var data = Directory.CreateTempSubdirectory("spbe-lock-").FullName;
        try
        {
            await using var first = await GatewayProcess.StartAsync(data);
            var auditBefore = new AuditLogReader(data).All().Count;

            var (exit, output, error) = await GatewayProcess.RunCommandAsync(new Dictionary<string, string>
            {
                ["SPBE_DATA_DIR"] = data,
                ["ASPNETCORE_URLS"] = "https://127.0.0.1:0",
                ["Demo__Enabled"] = "false",
                ["Admin__Token"] = TestGateway.AdminToken,
            }, TimeSpan.FromSeconds(90));

            Assert.NotEqual(0, exit);
            Assert.Contains($"process {first.ProcessId}", error);
            Assert.Contains(data, error);
            Assert.DoesNotContain("is running", output);
            Assert.Equal(auditBefore, new AuditLogReader(data).All().Count); // the refused one appended nothing

            using var client = first.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
            using var admin = await first.CreateAdminClientAsync();
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/v1/opds")).StatusCode);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void The_lock_is_released_when_its_holder_lets_it_go()
    {
        var data = Directory.CreateTempSubdirectory("spbe-lock-").FullName;
        try
        {
            using (DataDirectoryLock.Acquire(data))
            {
                Assert.Equal(Environment.ProcessId, DataDirectoryLock.OwnerProcessId(data));
                var refused = Assert.Throws<InvalidOperationException>(() => DataDirectoryLock.Acquire(data));
                Assert.Contains($"process {Environment.ProcessId}", refused.Message);
            }
            using (DataDirectoryLock.Acquire(data))
            {
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
