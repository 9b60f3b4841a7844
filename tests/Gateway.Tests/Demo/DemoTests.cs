using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SpbeConnector.Gateway.Demo;
using SpbeConnector.Gateway.Hosting;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Demo;

public class DemoTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are checked where the gateway runs: Linux
    public async Task On_an_empty_data_directory_the_printed_token_request_and_api_call_work_and_survive_a_restart()
    {
        var data = Path.Combine(Path.GetTempPath(), "spbe-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            DemoClient written;
            await using (var first = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Demo:Enabled"] = "true" }, data))
            {
                // The demo API needs a token: the call printed before this release no longer passes.
                Assert.Equal(HttpStatusCode.Unauthorized, (await first.Client.GetAsync(DemoSeeder.ExamplePath)).StatusCode);

                // demo-client.json: the demo client's credentials, random per installation, for the owner only.
                var path = Path.Combine(data, DemoClient.FileName);
                written = JsonSerializer.Deserialize<DemoClient>(await File.ReadAllTextAsync(path))!;
                Assert.Equal(DemoSeeder.ClientId, written.ClientId);
                Assert.Equal(first.BaseUrl + "/oauth2/token", written.TokenEndpoint);
                Assert.Equal(first.BaseUrl + DemoSeeder.ExamplePath, written.ExampleUrl);
                Assert.True(written.ClientSecret.Length >= 40);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

                // The banner's two commands, run as printed.
                var resident = JsonDocument.Parse(await RunPrintedCommandsAsync(GatewayCommandLine.BannerText(first.Host))).RootElement;
                Assert.Equal("3275010101900001", resident.GetProperty("nik").GetString());
                Assert.Equal("1990-01-01", resident.GetProperty("tanggalLahir").GetString());
            }

            // The sample upstream gets a new port on every start; the demo API follows it, the demo client keeps its
            // credentials, and nothing is seeded twice.
            await using var second = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Demo:Enabled"] = "true" }, data);
            var again = JsonSerializer.Deserialize<DemoClient>(await File.ReadAllTextAsync(Path.Combine(data, DemoClient.FileName)))!;
            Assert.Equal(written.ClientSecret, again.ClientSecret);
            var token = await second.GetTokenAsync(new TestClientCredentials(again.ClientId, again.ClientSecret));
            using var caller = second.CreateClient();
            caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync(DemoSeeder.ExamplePath)).StatusCode);
            Assert.Equal(1, JsonDocument.Parse(await second.Admin.GetStringAsync("/admin/v1/apis")).RootElement.GetArrayLength());
            Assert.Equal(2, JsonDocument.Parse(await second.Admin.GetStringAsync("/admin/v1/opds")).RootElement.GetArrayLength());
            // The test's own management clients (of no OPD) are not the demo's.
            Assert.Equal(1, JsonDocument.Parse(await second.Admin.GetStringAsync("/admin/v1/clients")).RootElement.EnumerateArray()
                .Count(c => !c.GetProperty("isManagementClient").GetBoolean()));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Runs the banner's token request and API call in bash, exactly as printed, and returns what the call printed.</summary>
    private static async Task<string> RunPrintedCommandsAsync(string banner)
    {
        var lines = banner.Split('\n').Select(l => l.Trim()).ToArray();
        var tokenLine = Assert.Single(lines, l => l.StartsWith("TOKEN=$(curl "));
        var callLine = Assert.Single(lines, l => l.StartsWith("curl ") && l.Contains("$TOKEN"));
        var bash = new ProcessStartInfo("bash", ["-c", $"set -euo pipefail\n{tokenLine}\n{callLine}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(bash)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"the printed commands failed ({process.ExitCode}): {error}");
        return output;
    }
}
