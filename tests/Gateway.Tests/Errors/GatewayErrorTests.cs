using System.Net;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Errors;

/// <summary>Every error the gateway produces is RFC 9457 problem details, without internals or echoes of input.</summary>
public class GatewayErrorTests
{
    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), problem.GetProperty("requestId").GetString());
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("   at ", body);
        return problem;
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem_that_does_not_echo_the_path()
    {
        await using var gateway = await TestGateway.StartAsync();

        var response = await gateway.Client.GetAsync("/no-such-opd/<script>alert(1)</script>/v1/x");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.DoesNotContain("script", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_dead_upstream_is_a_502_problem_that_names_no_address()
    {
        var dead = StubUpstream.DeadUrl();
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishApiAsync("dinkes", "mati", "v1", [dead], isPublic: true);

        var response = await gateway.Client.GetAsync("/dinkes/mati/v1/x");

        await AssertProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.DoesNotContain(new Uri(dead).Port.ToString(), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_upstream_that_does_not_answer_in_time_is_a_504_problem()
    {
        await using var hung = await StubUpstream.StartAsync("hung");
        hung.Handler = context => Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstreams:RequestTimeout"] = "00:00:01" });
        await gateway.PublishApiAsync("dinkes", "macet", "v1", [hung.BaseUrl], isPublic: true);

        var response = await gateway.Client.GetAsync("/dinkes/macet/v1/x");

        await AssertProblemAsync(response, HttpStatusCode.GatewayTimeout);
    }

    [Fact]
    public async Task An_upstream_error_response_passes_through_unchanged()
    {
        await using var upstream = await StubUpstream.StartAsync();
        upstream.Handler = async context =>
        {
            context.Response.StatusCode = 404;
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync("""{"title":"NIK tidak terdaftar","status":404}""");
        };
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishApiAsync("disdukcapil", "kependudukan", "v1", [upstream.BaseUrl], isPublic: true);

        var response = await gateway.Client.GetAsync("/disdukcapil/kependudukan/v1/penduduk/1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"title":"NIK tidak terdaftar","status":404}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Responses_carry_no_server_or_framework_identification_even_when_the_upstream_sends_it()
    {
        await using var upstream = await StubUpstream.StartAsync();
        upstream.Handler = async context =>
        {
            context.Response.Headers["Server"] = "Apache/2.4.41 (Ubuntu)";
            context.Response.Headers["X-Powered-By"] = "PHP/7.2.1";
            context.Response.Headers["X-AspNet-Version"] = "4.0.30319";
            context.Response.Headers["X-Opd-Data"] = "kept";
            await context.Response.WriteAsync("ok");
        };
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishApiAsync("dinkes", "lama", "v1", [upstream.BaseUrl], isPublic: true);

        var proxied = await gateway.Client.GetAsync("/dinkes/lama/v1/x");
        var own = await gateway.Client.GetAsync("/healthz");

        foreach (var response in new[] { proxied, own })
        {
            Assert.False(response.Headers.Contains("Server"));
            Assert.False(response.Headers.Contains("X-Powered-By"));
            Assert.False(response.Headers.Contains("X-AspNet-Version"));
            Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
        }
        Assert.Equal("kept", proxied.Headers.GetValues("X-Opd-Data").Single());
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    [InlineData("image/png")]
    [InlineData("*/*;q=0")]
    public async Task Error_answers_are_problem_details_whatever_the_Accept_header(string accept)
    {
        // Issue 14, item 2: with no JSON in Accept the framework's writer declined and the answer was an empty 500,
        // without HSTS or request id, counted as a failure of the API's service level.
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishApiAsync("disdukcapil", "kependudukan", "v1", [upstream.BaseUrl]);

        foreach (var path in new[] { "/disdukcapil/kependudukan/v1/kecamatan", "/no-such-opd/x/v1/y", "/admin/v1/opds" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            var response = await gateway.Client.SendAsync(request);

            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path} answered {(int)response.StatusCode}");
            await AssertProblemAsync(response, response.StatusCode);
            Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
        }
        Assert.Equal(0, upstream.Count);
    }

    [Theory]
    [InlineData("fffffffffffffffff1")] // larger than any chunk counter: Kestrel's overflow escaped as an IOException
    [InlineData("zz")]                 // not hexadecimal
    [InlineData("5")]                  // a chunk longer than its size says
    public async Task A_malformed_chunked_body_is_a_400_problem_and_never_reaches_the_upstream(string chunkSize)
    {
        // Issue 14, item 3: wherever the body is read first (schema validation of a documented API, the admin API's
        // JSON binding), malformed framing is the client's 400, not a 500 "Internal gateway error".
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishPublicApiAsync("dpmptsp", "perizinan", "v1", [upstream.BaseUrl], openApi: SampleApis.Perizinan);

        foreach (var (path, authorization) in new[] { ("/dpmptsp/perizinan/v1/permohonan", ""), ("/admin/v1/opds", $"Authorization: Bearer {await gateway.AdminAccessTokenAsync()}\r\n") })
        {
            var (status, response) = await RawHttps.SendAsync(gateway.BaseUrl,
                $"POST {path} HTTP/1.1\r\nHost: localhost\r\n{authorization}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
                chunkSize + "\r\n{\"a\":1}\r\n0\r\n\r\n");

            Assert.True(status == 400, $"{path} answered {status}");
            Assert.Contains("application/problem+json", response);
            Assert.Contains("\"requestId\"", response);
            Assert.DoesNotContain("Exception", response);
        }
        Assert.Equal(0, upstream.Count);
    }
}
