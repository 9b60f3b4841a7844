using System.Net;
using System.Net.Http.Headers;
using SpbeConnector.Gateway.Backup;
using SpbeConnector.Gateway.Hosting;
using SpbeConnector.TestSupport;
using SpbeConnector.Audit.CommandLine;

namespace SpbeConnector.Gateway.Tests.Backup;

/// <summary>
/// Backup and restore (Kota Bekasi Pasal 60 ayat (4) huruf g, Pasal 36): a backup made while the gateway serves
/// traffic restores into a new data directory on which a gateway serves the same API to the same client, and the
/// restored audit log verifies; a damaged backup or an occupied directory is refused before anything changes.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "spbe-backup-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("backup-folder")]
    [InlineData("backup.tar.gz")]
    public async Task A_backup_taken_under_load_restores_into_a_gateway_that_serves_the_API_and_whose_audit_log_verifies(string destinationName)
    {
        await using var upstream = await StubUpstream.StartAsync("faskes");
        var destination = Path.Combine(_scratch, destinationName);
        var restored = Path.Combine(_scratch, "restored");
        TestClientCredentials client;
        await using (var gateway = await TestGateway.StartAsync())
        {
            var api = await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
            client = await gateway.CreateClientAsync("pemanggil");
            await gateway.SubscribeAsync(client.ClientId, api);
            using var caller = gateway.CreateClient();
            caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await gateway.GetTokenAsync(client));

            using var stop = new CancellationTokenSource();
            var load = Task.Run(async () =>
            {
                var statuses = new List<HttpStatusCode>();
                while (!stop.IsCancellationRequested)
                    statuses.Add((await caller.GetAsync("/dinkes/faskes/v1/rekap")).StatusCode);
                return statuses;
            });
            await TestGateway.EventuallyAsync(() => Task.FromResult(upstream.Count > 5), TimeSpan.FromSeconds(10), "traffic flows");

            var (code, output) = await RunAsync("backup", destination, "--data", gateway.DataDirectory);
            Assert.True(code == BackupCommandLine.Succeeded, output);
            stop.Cancel();
            Assert.All(await load, s => Assert.Equal(HttpStatusCode.OK, s));
        }

        var (restoreCode, restoreOutput) = await RunAsync("restore", destination, "--data", restored);
        Assert.True(restoreCode == BackupCommandLine.Succeeded, restoreOutput);
        Assert.Contains("OK", restoreOutput);

        upstream.Clear();
        await using (var gateway = await TestGateway.StartAsync(dataDirectory: restored))
        {
            // The registry, the client's secret and the signing keys (Data Protection) came back: a new token works.
            await gateway.WaitForRoutesAsync();
            using var caller = gateway.CreateClient();
            caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await gateway.GetTokenAsync(client));
            var response = await caller.GetAsync("/dinkes/faskes/v1/rekap");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(1, upstream.Count);
        }
        var verify = new StringWriter();
        Assert.True(await AuditCommandLine.RunAsync(["verify", restored], verify, verify) == AuditCommandLine.Verified, verify.ToString());
    }

    [Fact]
    public async Task A_damaged_backup_and_an_occupied_data_directory_are_refused_and_left_as_they_were()
    {
        var backup = Path.Combine(_scratch, "backup");
        await using (var gateway = await TestGateway.StartAsync())
        {
            await gateway.EnsureOpdAsync("dinkes");
            Assert.Equal(BackupCommandLine.Succeeded, (await RunAsync("backup", backup, "--data", gateway.DataDirectory)).Code);
            // A second backup into the same folder would overwrite the first: refused.
            Assert.Equal(BackupCommandLine.Failed, (await RunAsync("backup", backup, "--data", gateway.DataDirectory)).Code);
        }

        // An occupied directory: refused without --force, nothing touched; with --force its content is moved aside.
        var occupied = Path.Combine(_scratch, "occupied");
        Directory.CreateDirectory(occupied);
        await File.WriteAllTextAsync(Path.Combine(occupied, "keep.txt"), "milik operator");
        var (code, output) = await RunAsync("restore", backup, "--data", occupied);
        Assert.Equal(BackupCommandLine.Failed, code);
        Assert.Contains("--force", output);
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(occupied).Select(Path.GetFileName));
        (code, output) = await RunAsync("restore", backup, "--data", occupied, "--force");
        Assert.True(code == BackupCommandLine.Succeeded, output);
        var aside = Assert.Single(Directory.GetDirectories(_scratch, "occupied.before-restore-*"));
        Assert.Equal("milik operator", await File.ReadAllTextAsync(Path.Combine(aside, "keep.txt")));

        // One altered byte in the registry copy: refused before the target is touched, naming the file.
        var registry = Path.Combine(backup, "data", "registry.db");
        var bytes = await File.ReadAllBytesAsync(registry);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(registry, bytes);
        var fresh = Path.Combine(_scratch, "fresh");
        (code, output) = await RunAsync("restore", backup, "--data", fresh);
        Assert.Equal(BackupCommandLine.Failed, code);
        Assert.Contains("data/registry.db", output);
        Assert.False(Directory.Exists(fresh) && Directory.EnumerateFileSystemEntries(fresh).Any());
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var code = await BackupCommandLine.RunAsync(args, output, output);
        return (code, output.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_scratch, recursive: true); } catch (IOException) { }
    }
}
