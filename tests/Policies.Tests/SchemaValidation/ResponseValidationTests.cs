using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.SchemaValidation;

/// <summary>
/// Optional response validation per API: off (the default), report only (the response passes; the violation is
/// logged with the request id), enforce (502 problem details; nothing of the upstream's body reaches the client).
/// </summary>
public sealed class ResponseValidationTests(PerizinanApiFixture api) : IClassFixture<PerizinanApiFixture>, IAsyncLifetime
{
    private const string Path = PerizinanApiFixture.Prefix + "/permohonan/5b0e7a52-3f4e-4f6a-9a51-0c8c1d2e3f40";

    public Task InitializeAsync() => api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string ValidPermohonan()
    {
        var node = JsonNode.Parse(SamplePermohonan.Valid)!.AsObject();
        node["id"] = "5b0e7a52-3f4e-4f6a-9a51-0c8c1d2e3f40";
        node["status"] = "DIVERIFIKASI";
        return node.ToJsonString();
    }

    /// <summary>A response the document does not allow: no status, and a field that leaks a NIK.</summary>
    private const string Leaky = """{"id":"5b0e7a52-3f4e-4f6a-9a51-0c8c1d2e3f40","bocoran":"NIK 3275010101900001 nama Siti Rahayu"}""";

    private void Answer(int status, string body, string contentType = "application/json") =>
        api.Upstream.Handler = async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        };

    [Fact]
    public async Task Off_by_default_so_a_response_that_breaks_the_document_passes()
    {
        Answer(200, Leaky);

        var response = await api.Client.GetAsync(Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Leaky, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(200, Leaky, "application/json", "/response/body/status", "required")]
    [InlineData(200, "{\"id\":1}", "application/json", "/response/body/id", "type")]
    [InlineData(418, "{}", "application/json", "/response/status", "status")]
    [InlineData(200, "<html>stack trace of the OPD service</html>", "text/html", "/response/body", "contentType")]
    [InlineData(200, "{\"id\":\"5b0e7a52-3f4e-4f6a-9a51-0c8c1d2e3f40\",\"id\":\"x\"}", "application/json", "/response/body", "duplicateProperty")]
    public async Task Enforced_a_response_that_breaks_the_document_is_replaced_by_502_without_its_body(int status, string body, string contentType, string location, string rule)
    {
        await api.SetValidationAsync(new { responseValidation = "Enforce" });
        Answer(status, body, contentType);

        var response = await api.Client.GetAsync(Path);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadGateway, "bocoran", "3275010101900001", "stack trace");
        Assert.Equal("Invalid upstream response", problem.GetProperty("title").GetString());
        Assert.False(response.Headers.Contains("X-Upstream-Secret"));
        Assert.NotNull(location); // the location and rule go to the operator's log, not to the client
        Assert.NotNull(rule);
        await AssertLoggedAsync(response, location, rule);
    }

    [Fact]
    public async Task Enforced_a_valid_response_and_a_documented_error_pass_unchanged()
    {
        await api.SetValidationAsync(new { responseValidation = "Enforce" });
        var valid = ValidPermohonan();

        Answer(200, valid);
        var ok = await api.Client.GetAsync(Path);
        Answer(404, """{"title":"Tidak ditemukan","status":404}""", "application/problem+json");
        var notFound = await api.Client.GetAsync(Path);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(valid, await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("""{"title":"Tidak ditemukan","status":404}""", await notFound.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Enforced_a_response_larger_than_the_checked_limit_is_withheld()
    {
        await api.SetValidationAsync(new { responseValidation = "Enforce", maxBodyBytes = 1024 });
        Answer(200, ValidPermohonan().Replace("\"catatan\":null", "\"catatan\":\"" + new string('x', 2000) + "\""));

        var response = await api.Client.GetAsync(Path);

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, "xxxxxxxx");
    }

    [Fact]
    public async Task Report_only_a_violating_response_passes_unchanged_and_is_logged_with_the_request_id()
    {
        await api.SetValidationAsync(new { responseValidation = "ReportOnly" });
        Answer(200, Leaky);

        var response = await api.Client.GetAsync(Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Leaky, await response.Content.ReadAsStringAsync());
        await AssertLoggedAsync(response, "/response/body/status", "required");
    }

    [Fact]
    public async Task Report_only_a_response_larger_than_the_checked_limit_streams_through_unchanged()
    {
        await api.SetValidationAsync(new { responseValidation = "ReportOnly", maxBodyBytes = 1024 });
        var large = ValidPermohonan().Replace("\"catatan\":null", "\"catatan\":\"" + new string('x', 200_000) + "\"");
        Answer(200, large);

        var response = await api.Client.GetAsync(Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(large, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The operator's log names the request id, the location and the rule of the violation.</summary>
    private async Task AssertLoggedAsync(HttpResponseMessage response, string location, string rule)
    {
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        var logs = System.IO.Path.Combine(api.Gateway.DataDirectory, "logs");
        await TestGateway.EventuallyAsync(async () =>
        {
            foreach (var file in Directory.GetFiles(logs))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var text = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync();
                if (text.Split('\n').Any(line => line.Contains(requestId) && line.Contains("breaks the API's document") && line.Contains(location) && line.Contains(rule)))
                    return true;
            }
            return false;
        }, TimeSpan.FromSeconds(10), $"the log names request {requestId}, {location} and {rule}");
    }
}
