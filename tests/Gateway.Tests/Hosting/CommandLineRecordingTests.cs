using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Hosting;

/// <summary>
/// A command-line tool never appends to the audit log itself (only the server holding the data directory does): the
/// creation of a portal administrator by `portal create-admin` reaches the log through the running server, and while
/// none runs, at the next start (Pasal 59 ayat (9) huruf d: account changes are recorded).
/// </summary>
public class CommandLineRecordingTests
{
    private static Dictionary<string, string> Environment(string data) => new()
    {
        ["SPBE_DATA_DIR"] = data,
        ["SPBE_PORTAL_PASSWORD"] = "Kata-Sandi-Uji-2026!panjang",
        ["Admin__Token"] = TestGateway.AdminToken,
        ["Demo__Enabled"] = "false",
    };

    [Fact]
    public async Task Create_admin_is_recorded_by_the_running_server_and_the_tool_appends_nothing_itself()
    {
        var data = Directory.CreateTempSubdirectory("spbe-cli-record-").FullName;
        try
        {
            await using var gateway = await GatewayProcess.StartAsync(data);
            var (exit, output, error) = await GatewayProcess.RunCommandAsync(Environment(data), TimeSpan.FromSeconds(90),
                "portal", "create-admin", "--username", "admin.uji");
            Assert.True(exit == 0, output + error);
            Assert.Contains($"process {gateway.ProcessId}", output);

            var records = new AuditLogReader(data).All("type = 'portal'");
            Assert.Contains(records, r => r.Text.Contains("\"action\":\"create-admin\"") && r.Text.Contains("admin.uji"));
            // One start record: the tool did not open the log as a second writer.
            Assert.Single(new AuditLogReader(data).All("type = 'gateway.start'"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Create_admin_while_no_server_runs_is_recorded_when_the_server_starts()
    {
        var data = Directory.CreateTempSubdirectory("spbe-cli-record-").FullName;
        try
        {
            var (exit, output, error) = await GatewayProcess.RunCommandAsync(Environment(data), TimeSpan.FromSeconds(90),
                "portal", "create-admin", "--username", "admin.awal");
            Assert.True(exit == 0, output + error);
            Assert.Contains("when it next runs", output);

            await using (var gateway = await GatewayProcess.StartAsync(data))
            {
                var records = new AuditLogReader(data).All("type = 'portal'");
                Assert.Contains(records, r => r.Text.Contains("\"action\":\"create-admin\"") && r.Text.Contains("admin.awal"));
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
