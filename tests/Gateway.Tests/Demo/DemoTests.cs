using System.Net;
using System.Text.Json;
using SpbeConnector.Gateway.Demo;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Demo;

public class DemoTests
{
    [Fact]
    public async Task On_an_empty_data_directory_the_demo_api_answers_the_printed_example_and_survives_a_restart()
    {
        var data = Path.Combine(Path.GetTempPath(), "spbe-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var first = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Demo:Enabled"] = "true" }, data))
            {
                var response = await first.Client.GetAsync(DemoSeeder.ExamplePath);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var resident = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                Assert.Equal("3275010101900001", resident.GetProperty("nik").GetString());
                Assert.Equal("1990-01-01", resident.GetProperty("tanggalLahir").GetString());
            }

            // The sample upstream gets a new port on every start; the demo API follows it, and nothing is seeded twice.
            await using var second = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Demo:Enabled"] = "true" }, data);
            Assert.Equal(HttpStatusCode.OK, (await second.Client.GetAsync(DemoSeeder.ExamplePath)).StatusCode);
            var apis = JsonDocument.Parse(await second.Admin.GetStringAsync("/admin/v1/apis")).RootElement;
            Assert.Equal(1, apis.GetArrayLength());
            Assert.Equal(2, JsonDocument.Parse(await second.Admin.GetStringAsync("/admin/v1/opds")).RootElement.GetArrayLength());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
