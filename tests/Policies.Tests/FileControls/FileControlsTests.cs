using System.Net;
using System.Net.Http.Json;
using SpbeConnector.Policies.Tests.SchemaValidation;
using SpbeConnector.TestSupport;
using static SpbeConnector.Policies.Tests.FileControls.Uploads;

namespace SpbeConnector.Policies.Tests.FileControls;

/// <summary>
/// File controls (Pasal 59 ayat (14); Pasal 60 ayat (2) huruf d, ayat (3) huruf l) end to end, with a real clamd:
/// valid files pass byte for byte; files of the wrong type or signature, too many, too large, over the client's
/// quota, with hostile names, or carrying a virus are refused and never reach the upstream.
/// </summary>
public sealed class FileControlsTests(ScannedPerizinanApiFixture api) : IClassFixture<ScannedPerizinanApiFixture>, IAsyncLifetime
{
    private const string Lampiran = PerizinanApiFixture.Prefix + "/permohonan/5b0e7a52-3f4e-4f6a-9a51-0c8c1d2e3f40/lampiran";
    private const string Dokumen = PerizinanApiFixture.Prefix + "/permohonan/5b0e7a52-3f4e-4f6a-9a51-0c8c1d2e3f40/dokumen";

    public Task InitializeAsync() => api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("application/pdf", "gambar-teknis.pdf")]
    [InlineData("image/png", "denah lantai 1.png")]
    public async Task A_valid_upload_reaches_the_upstream_byte_for_byte(string type, string fileName)
    {
        var body = Uploads.Lampiran(type, type == "image/png" ? Png : Pdf, fileName, Part.Text("keterangan", "Gambar teknis revisi kedua"));

        var response = await api.Client.SendAsync(Post(Lampiran, body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, Assert.Single(api.Upstream.Received).Body);
    }

    [Fact]
    public async Task A_valid_pdf_body_reaches_the_upstream_byte_for_byte()
    {
        var response = await api.Client.PutAsync(Dokumen, new ByteArrayContent(Pdf) { Headers = { { "Content-Type", "application/pdf" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Pdf, Assert.Single(api.Upstream.Received).Body);
    }

    [Fact]
    public async Task A_file_carrying_the_eicar_test_virus_is_refused_in_a_form_and_as_a_body()
    {
        var inForm = await api.Client.SendAsync(Post(Lampiran, Uploads.Lampiran("application/pdf", EicarInPdf)));
        var asBody = await api.Client.PutAsync(Dokumen, new ByteArrayContent(EicarInPdf) { Headers = { { "Content-Type", "application/pdf" } } });

        Assert.Contains(("/body/berkas", "virus"), (await inForm.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "EICAR", ClamdServer.SignatureName)).Errors());
        Assert.Contains(("/body", "virus"), (await asBody.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "EICAR")).Errors());
        Assert.Equal(0, api.Upstream.Count);
    }

    public static TheoryData<string, byte[], HttpStatusCode, string, string> Refusals => new()
    {
        // The declared type is one the document lists, but the content is something else.
        { "png declared, pdf sent", Uploads.Lampiran("image/png", Pdf, "denah.png"), HttpStatusCode.BadRequest, "/body/berkas", "signature" },
        { "pdf declared, script sent", Uploads.Lampiran("application/pdf", "<script>alert(1)</script>"u8.ToArray()), HttpStatusCode.BadRequest, "/body/berkas", "signature" },
        { "empty pdf", Uploads.Lampiran("application/pdf", []), HttpStatusCode.BadRequest, "/body/berkas", "signature" },
        // Types the document does not list for the field.
        { "zip declared", Uploads.Lampiran("application/zip", [0x50, 0x4B, 0x03, 0x04]), HttpStatusCode.UnsupportedMediaType, "/body/berkas", "contentType" },
        { "html declared", Uploads.Lampiran("text/html", "<html></html>"u8.ToArray()), HttpStatusCode.UnsupportedMediaType, "/body/berkas", "contentType" },
        // File metadata (Pasal 59 ayat (14) huruf c).
        { "traversal in the file name", Uploads.Lampiran("application/pdf", Pdf, "../../../etc/cron.d/x.pdf"), HttpStatusCode.BadRequest, "/body", "fileName" },
        { "windows path in the file name", Uploads.Lampiran("application/pdf", Pdf, "C:\\\\Windows\\\\x.pdf"), HttpStatusCode.BadRequest, "/body", "fileName" },
        // The fields of the form are checked against the schema too.
        { "document type not in the enumeration", Multipart(Part.File("berkas", "a.pdf", "application/pdf", Pdf), Part.Text("jenisDokumen", "LAINNYA")), HttpStatusCode.BadRequest, "/body/jenisDokumen", "enum" },
        { "no file", Multipart(Part.Text("jenisDokumen", "KTP")), HttpStatusCode.BadRequest, "/body/berkas", "required" },
        { "the file field sent as text", Multipart(Part.Text("berkas", "%PDF-1.7"), Part.Text("jenisDokumen", "KTP")), HttpStatusCode.BadRequest, "/body/berkas", "type" },
        { "an undocumented field", Uploads.Lampiran("application/pdf", Pdf, "a.pdf", Part.Text("isAdmin", "true")), HttpStatusCode.BadRequest, "/body", "additionalProperties" },
        { "a second file in the same field", Uploads.Lampiran("application/pdf", Pdf, "a.pdf", Part.File("berkas", "b.pdf", "application/pdf", Pdf)), HttpStatusCode.BadRequest, "/body/berkas", "single" },
        { "a note too long", Uploads.Lampiran("application/pdf", Pdf, "a.pdf", Part.Text("keterangan", new string('x', 201))), HttpStatusCode.BadRequest, "/body/keterangan", "maxLength" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_upload_is_refused_naming_the_file_and_never_forwarded(string upload, byte[] body, HttpStatusCode status, string location, string rule)
    {
        var response = await api.Client.SendAsync(Post(Lampiran, body));

        Assert.True((location, rule) == (await response.AssertProblemAsync(status, "cron.d", "script")).Errors().First(), $"{upload}: wrong first error");
        Assert.Equal(0, api.Upstream.Count);
    }

    [Fact]
    public async Task A_pdf_body_declared_as_another_type_is_refused()
    {
        var response = await api.Client.PutAsync(Dokumen, new ByteArrayContent(Png) { Headers = { { "Content-Type", "application/pdf" } } });

        Assert.Contains(("/body", "signature"), (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors());
        Assert.Equal(0, api.Upstream.Count);
    }

    [Fact]
    public async Task The_apis_own_file_rules_apply_on_top_of_the_document()
    {
        await api.SetValidationAsync(new { allowedFileTypes = new[] { "application/pdf" }, maxFileBytes = 1024, maxFilesPerRequest = 1 });

        var png = await api.Client.SendAsync(Post(Lampiran, Uploads.Lampiran("image/png", Png, "denah.png")));
        var large = await api.Client.SendAsync(Post(Lampiran, Uploads.Lampiran("application/pdf", [.. Pdf, .. new byte[2000]])));
        var largeBody = await api.Client.PutAsync(Dokumen, new ByteArrayContent([.. Pdf, .. new byte[2000]]) { Headers = { { "Content-Type", "application/pdf" } } });

        Assert.Contains(("/body/berkas", "fileType"), (await png.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType)).Errors());
        Assert.Contains(("/body/berkas", "maxFileBytes"), (await large.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge)).Errors());
        await largeBody.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, api.Upstream.Count);
    }

    [Fact]
    public async Task A_file_type_whose_content_the_gateway_cannot_check_cannot_be_allowed()
    {
        var response = await api.Gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{api.ApiId}/validation", new { allowedFileTypes = new[] { "application/pdf", "application/octet-stream" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("allowedFileTypes[1]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_client_over_its_file_quota_is_429_with_retry_after_and_refused_files_do_not_count()
    {
        await api.SetValidationAsync(new { maxFilesPerClient = 2, fileQuotaWindow = "01:00:00" });

        var infected = await api.Client.SendAsync(Post(Lampiran, Uploads.Lampiran("application/pdf", EicarInPdf)));
        var first = await api.Client.SendAsync(Post(Lampiran, Uploads.Lampiran("application/pdf", Pdf)));
        var second = await api.Client.SendAsync(Post(Lampiran, Uploads.Lampiran("application/pdf", Pdf)));
        var third = await api.Client.SendAsync(Post(Lampiran, Uploads.Lampiran("application/pdf", Pdf)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, infected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains(("/body", "fileQuota"), (await third.AssertProblemAsync(HttpStatusCode.TooManyRequests)).Errors());
        var retryAfter = third.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromMinutes(58), TimeSpan.FromHours(1));
        Assert.Equal(2, api.Upstream.Count);
    }

    [Fact]
    public async Task When_the_scanner_is_down_uploads_are_refused_unless_the_api_fails_open()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["FileScanning:Clamd"] = "unix:" + Path.Combine(Path.GetTempPath(), "tidak-ada-clamd.sock") });
        var id = await gateway.PublishPublicApiAsync("dpmptsp", "perizinan", "v1", [upstream.BaseUrl + "/api"], openApi: SampleApis.Perizinan);

        var closed = await gateway.Client.SendAsync(Post(Lampiran, Uploads.Lampiran("application/pdf", Pdf)));
        (await gateway.PutApiSettingAsync(id, "validation", new { scannerOutage = "FailOpen" })).EnsureSuccessStatusCode();
        await gateway.WaitForRoutesAsync();
        var open = await gateway.Client.SendAsync(Post(Lampiran, Uploads.Lampiran("application/pdf", Pdf)));

        Assert.Contains(("/body/berkas", "virusScan"), (await closed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable)).Errors());
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Single(upstream.Received);
    }
}
