using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Hosting;

/// <summary>
/// <c>admin create-client --name NAME --scope spbe.admin</c> run beside a running gateway on its data directory (whose
/// lock the server holds): one JSON object on standard output with the client's id and secret, which obtain a token the
/// admin API accepts; the creation recorded by the server through the audit outbox (Pasal 59 ayat (9) huruf d).
/// </summary>
public class AdminCommandLineTests
{
    [Fact]
    public async Task Create_client_beside_a_running_gateway_prints_one_json_object_whose_credentials_open_the_admin_api()
    {
        var data = Directory.CreateTempSubdirectory("spbe-cli-client-").FullName;
        try
        {
            await using var gateway = await GatewayProcess.StartAsync(data);
            var (exit, output, error) = await GatewayProcess.RunCommandAsync(new Dictionary<string, string>
            {
                ["SPBE_DATA_DIR"] = data, ["Demo__Enabled"] = "false",
            }, TimeSpan.FromSeconds(90), "admin", "create-client", "--name", "skrip-penerapan", "--scope", "spbe.admin");
            Assert.True(exit == 0, output + error);

            var json = JsonDocument.Parse(output).RootElement; // the whole of standard output is one JSON object
            Assert.Equal(["client_id", "client_secret"], json.EnumerateObject().Select(p => p.Name));
            var clientId = json.GetProperty("client_id").GetString()!;
            using var client = gateway.CreateClient();
            using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token")
            {
                Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", "spbe.admin")]),
            };
            tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", TestGateway.BasicCredentials(clientId, json.GetProperty("client_secret").GetString()!));
            var token = JsonDocument.Parse(await (await client.SendAsync(tokenRequest)).Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
            using var admin = gateway.CreateClient(token);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/v1/opds")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/audit/v1/records")).StatusCode);

            Assert.Contains($"process {gateway.ProcessId}", error);
            Assert.Contains(new AuditLogReader(data).All("type = 'admin'"), r => r.Text.Contains("\"action\":\"CreateManagementClient\"") && r.Text.Contains(clientId));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
