using System.Net;
using System.Net.Http.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.SchemaValidation;

/// <summary>
/// Only documented operations pass, with parameters that match their schemas (Pasal 59 ayat (15) huruf d-e;
/// Pasal 60 ayat (5) huruf c, e). Every refused request is proven never to reach the upstream.
/// </summary>
public sealed class OperationAndParameterValidationTests(PerizinanApiFixture api) : IClassFixture<PerizinanApiFixture>, IAsyncLifetime
{
    private const string P = PerizinanApiFixture.Prefix;
    private const string Id = "5b0e7a52-3f4e-4f6a-9a51-0c8c1d2e3f40";

    public Task InitializeAsync() => api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpResponseMessage> Get(string path, string? wilayah = "32.75")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, P + path);
        if (wilayah is not null)
            request.Headers.Add("X-Kode-Wilayah", wilayah);
        return api.Client.SendAsync(request);
    }

    [Theory]
    [InlineData("/penduduk/3275010101900001", "/api/penduduk/3275010101900001", "")]
    [InlineData("/permohonan/" + Id, "/api/permohonan/" + Id, "")]
    [InlineData("/permohonan?status=DIAJUKAN&halaman=2&ukuran=100&sejak=2024-02-29&kecamatan=32.75.01&kecamatan=32.75.02", "/api/permohonan",
        "?status=DIAJUKAN&halaman=2&ukuran=100&sejak=2024-02-29&kecamatan=32.75.01&kecamatan=32.75.02")]
    [InlineData("/permohonan", "/api/permohonan", "")]
    public async Task Valid_requests_of_documented_operations_reach_the_upstream_unchanged(string path, string upstreamPath, string query)
    {
        var response = await Get(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(api.Upstream.Received);
        Assert.Equal((upstreamPath, query), (received.Path, received.Query));
        Assert.Equal("32.75", received.Headers["X-Kode-Wilayah"]);
    }

    [Theory]
    [InlineData("/tidak-ada")]
    [InlineData("/permohonan/" + Id + "/lainnya")]
    [InlineData("/permohonan/")]
    [InlineData("/")]
    [InlineData("/PERMOHONAN")]
    public async Task A_path_the_document_does_not_define_is_404_and_never_forwarded(string path)
    {
        var response = await Get(path);

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Operation not documented", problem.GetProperty("title").GetString());
        Assert.Equal(0, api.Upstream.Count);
    }

    [Fact]
    public async Task HEAD_on_a_documented_GET_is_served_like_GET_without_a_body()
    {
        // RFC 9110 section 9.3.2: HEAD is GET without the content; it was refused 405 where GET is documented.
        var request = new HttpRequestMessage(HttpMethod.Head, P + "/penduduk/3275010101900001");
        request.Headers.Add("X-Kode-Wilayah", "32.75");

        var response = await api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var received = Assert.Single(api.Upstream.Received);
        Assert.Equal(("HEAD", "/api/penduduk/3275010101900001"), (received.Method, received.Path));
    }

    [Fact]
    public async Task HEAD_is_validated_like_GET()
    {
        var response = await api.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, P + "/penduduk/bukan-nik"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, api.Upstream.Count);
    }

    [Theory]
    [InlineData("PATCH", "/permohonan", "GET, HEAD, POST")]
    [InlineData("DELETE", "/permohonan", "GET, HEAD, POST")]
    [InlineData("PUT", "/penduduk/3275010101900001", "GET, HEAD")]
    [InlineData("TRACE", "/permohonan/" + Id, "DELETE, GET, HEAD")]
    [InlineData("OPTIONS", "/permohonan/" + Id + "/keputusan", "PUT")]
    [InlineData("HEAD", "/permohonan/" + Id + "/keputusan", "PUT")]
    public async Task A_method_the_document_does_not_define_is_405_with_allow_and_never_forwarded(string method, string path, string allow)
    {
        var response = await api.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), P + path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        if (method != "HEAD")
            await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Equal(0, api.Upstream.Count);
    }

    [Theory]
    [InlineData("/penduduk/327501010190000", "/path/nik", "minLength")]                 // 15 digits
    [InlineData("/penduduk/32750101019000011", "/path/nik", "maxLength")]               // 17 digits
    [InlineData("/penduduk/327501010190000X", "/path/nik", "pattern")]
    [InlineData("/penduduk/3275'%20OR%20'1'='1", "/path/nik", "pattern")]               // SQL injection
    [InlineData("/penduduk/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/path/nik", "pathSegment")]
    [InlineData("/penduduk/..%2F..%2F..%2Fadmin%2Fv1%2Fopds", "/path/nik", "pathSegment")] // path traversal, encoded slashes
    [InlineData("/penduduk/%252e%252e%252f", "/path/nik", "pathSegment")]                   // double encoding
    [InlineData("/penduduk/%D9%A3%D9%A2%D9%A7%D9%A5%D9%A0%D9%A1%D9%A0%D9%A1%D9%A0%D9%A1%D9%A9%D9%A0%D9%A0%D9%A0%D9%A0%D9%A1", "/path/nik", "pattern")] // Arabic-Indic digits
    [InlineData("/permohonan/bukan-uuid", "/path/id", "format")]
    [InlineData("/permohonan?halaman=0", "/query/halaman", "minimum")]
    [InlineData("/permohonan?halaman=1.5", "/query/halaman", "type")]
    [InlineData("/permohonan?halaman=99999999999999999999", "/query/halaman", "numberRange")]
    [InlineData("/permohonan?ukuran=abc", "/query/ukuran", "type")]
    [InlineData("/permohonan?ukuran=101", "/query/ukuran", "maximum")]
    [InlineData("/permohonan?status=DIHAPUS", "/query/status", "enum")]
    [InlineData("/permohonan?status=DIAJUKAN';DROP%20TABLE%20permohonan;--", "/query/status", "enum")]
    [InlineData("/permohonan?sejak=2023-02-29", "/query/sejak", "format")]
    [InlineData("/permohonan?halaman=1&halaman=2", "/query/halaman", "single")]
    [InlineData("/permohonan?kecamatan=32.75.1", "/query/kecamatan/0", "pattern")]
    [InlineData("/permohonan?kecamatan=32.75.01%0A", "/query/kecamatan/0", "pattern")]       // trailing newline
    [InlineData("/permohonan?kecamatan=1&kecamatan=2&kecamatan=3&kecamatan=4&kecamatan=5&kecamatan=32.75.06", "/query/kecamatan", "maxItems")]
    [InlineData("/permohonan?debug=true", "/query", "unknownParameter")]
    public async Task Invalid_parameters_are_400_naming_location_and_rule_without_echo_and_never_forwarded(string path, string location, string rule)
    {
        var response = await Get(path);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "script", "DROP TABLE", "OR '1'", "debug");
        Assert.Contains((location, rule), problem.Errors());
        Assert.Equal(0, api.Upstream.Count);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("32.76", "pattern")]
    public async Task A_documented_header_is_checked_too(string? wilayah, string rule)
    {
        var response = await Get("/permohonan", wilayah);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(("/header/X-Kode-Wilayah", rule), problem.Errors());
        Assert.Equal(0, api.Upstream.Count);
    }

    [Fact]
    public async Task Every_failing_parameter_is_listed_in_one_answer()
    {
        var response = await Get("/permohonan?halaman=0&ukuran=0&status=X&unknown=1", wilayah: null);

        var errors = (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors();
        Assert.Equal(
            [("/header/X-Kode-Wilayah", "required"), ("/query", "unknownParameter"), ("/query/halaman", "minimum"), ("/query/status", "enum"), ("/query/ukuran", "minimum")],
            errors.Order());
    }

    [Fact]
    public async Task With_strict_query_off_an_undocumented_query_parameter_passes_but_documented_ones_are_still_checked()
    {
        await api.SetValidationAsync(new { strictQuery = false });

        var passes = await Get("/permohonan?debug=true&halaman=3");
        var refused = await Get("/permohonan?debug=true&halaman=0");

        Assert.Equal(HttpStatusCode.OK, passes.StatusCode);
        await refused.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("?debug=true&halaman=3", Assert.Single(api.Upstream.Received).Query);
    }

    [Fact]
    public async Task A_new_document_revision_is_enforced_as_soon_as_it_is_registered()
    {
        var withoutDelete = SampleApis.Perizinan.Replace("    delete:\n      operationId: batalkanPermohonan\n      responses:\n        \"204\": { description: Dibatalkan }\n", "");
        Assert.NotEqual(SampleApis.Perizinan, withoutDelete);
        var before = await api.Client.DeleteAsync($"{P}/permohonan/{Id}");

        await UpdateDocumentAsync(withoutDelete);
        var after = await api.Client.DeleteAsync($"{P}/permohonan/{Id}");
        await UpdateDocumentAsync(SampleApis.Perizinan);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, after.StatusCode);
        Assert.Single(api.Upstream.Received);
    }

    private async Task UpdateDocumentAsync(string document)
    {
        var response = await api.Gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{api.ApiId}", new
        {
            name = "Perizinan", upstreamUrls = new[] { api.Upstream.BaseUrl + "/api" }, allowInsecureUpstream = true,
            openApiDocument = document, classification = "Restricted", isPublic = true,
        });
        response.EnsureSuccessStatusCode();
        await api.Gateway.ChangeInForceAsync(api.ApiId, response);
        await api.Gateway.WaitForRoutesAsync();
    }
}
