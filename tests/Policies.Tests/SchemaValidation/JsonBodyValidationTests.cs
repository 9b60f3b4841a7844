using System.Net;
using System.Text;

namespace SpbeConnector.Policies.Tests.SchemaValidation;

/// <summary>
/// JSON bodies are checked against the operation's schema ($ref, allOf / oneOf, nullable, formats,
/// additionalProperties, ranges) before they are forwarded (Pasal 59 ayat (7) huruf a, b, d; ayat (15) huruf e);
/// a valid body reaches the upstream byte for byte, an invalid one never does, and the answer names each location
/// and rule without the rejected value.
/// </summary>
public sealed class JsonBodyValidationTests(PerizinanApiFixture api) : IClassFixture<PerizinanApiFixture>, IAsyncLifetime
{
    private const string P = PerizinanApiFixture.Prefix;
    private const string Id = "5b0e7a52-3f4e-4f6a-9a51-0c8c1d2e3f40";

    public Task InitializeAsync() => api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpResponseMessage> Send(string method, string path, string body, string contentType = "application/json") =>
        api.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), P + path)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { { "Content-Type", contentType } } },
        });

    public static TheoryData<string, string, string> ValidBodies => new()
    {
        { "POST", "/permohonan", SamplePermohonan.Valid },
        { "POST", "/permohonan", SamplePermohonan.With("pemohon.telepon", "null") },                 // nullable
        { "POST", "/permohonan", SamplePermohonan.With("catatan", "\"Mohon diproses segera.\"") },
        { "POST", "/permohonan", SamplePermohonan.With("pihakTerkait", null) },                      // optional
        { "POST", "/permohonan", SamplePermohonan.With("bangunan.jumlahLantai", "2.0") },            // an integer written with a fraction
        { "POST", "/permohonan", SamplePermohonan.With("pemohon.nama", "\"Siti \\u0052ahayu\"") },    // escapes
        { "PUT", $"/permohonan/{Id}/keputusan", """{"keputusan":"DISETUJUI","nomorIzin":"PBG-2026-000123","berlakuSampai":"2031-11-22"}""" },
        { "PUT", $"/permohonan/{Id}/keputusan", """{"keputusan":"DITOLAK","alasan":"Gambar teknis belum lengkap."}""" },
    };

    [Theory]
    [MemberData(nameof(ValidBodies))]
    public async Task A_valid_body_reaches_the_upstream_byte_for_byte(string method, string path, string body)
    {
        var response = await Send(method, path, body, "application/json; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(api.Upstream.Received);
        Assert.Equal(Encoding.UTF8.GetBytes(body), received.Body);
        Assert.Equal(body.Length.ToString(), received.Headers["Content-Length"]);
        Assert.Equal("application/json; charset=utf-8", received.Headers["Content-Type"]);
    }

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { SamplePermohonan.With("pemohon.nik", "\"327501010190000\""), "/body/pemohon/nik", "minLength" },
        { SamplePermohonan.With("pemohon.nik", "\"32750101019000AB\""), "/body/pemohon/nik", "pattern" },
        { SamplePermohonan.With("pemohon.nik", "3275010101900001"), "/body/pemohon/nik", "type" },
        { SamplePermohonan.With("pemohon.nama", "\"Robert'); DROP TABLE penduduk;--\""), "/body/pemohon/nama", "pattern" },
        { SamplePermohonan.With("pemohon.nama", "\"<script>alert(document.cookie)</script>\""), "/body/pemohon/nama", "pattern" },
        { SamplePermohonan.With("pemohon.nama", "\"\""), "/body/pemohon/nama", "minLength" },
        { SamplePermohonan.With("pemohon.email", "\"siti.rahayu@\""), "/body/pemohon/email", "format" },
        { SamplePermohonan.With("pemohon.tanggalLahir", "\"1990-02-30\""), "/body/pemohon/tanggalLahir", "format" },
        { SamplePermohonan.With("pemohon.telepon", "6281234567890"), "/body/pemohon/telepon", "type" },
        { SamplePermohonan.With("pemohon.alamat.rt", "\"1\""), "/body/pemohon/alamat/rt", "pattern" },
        { SamplePermohonan.With("pemohon.alamat.kecamatan", "\"Jakarta Pusat\""), "/body/pemohon/alamat/kecamatan", "enum" },
        { SamplePermohonan.With("pemohon.alamat.kodePos", null), "/body/pemohon/alamat/kodePos", "required" },
        { SamplePermohonan.With("bangunan.fungsi", "\"PABRIK\""), "/body/bangunan/fungsi", "enum" },
        { SamplePermohonan.With("bangunan.luasLantai", "0"), "/body/bangunan/luasLantai", "exclusiveMinimum" },
        { SamplePermohonan.With("bangunan.luasLantai", "100000.5"), "/body/bangunan/luasLantai", "maximum" },
        { SamplePermohonan.With("bangunan.jumlahLantai", "2.5"), "/body/bangunan/jumlahLantai", "type" },
        { SamplePermohonan.With("bangunan.jumlahLantai", "1e20"), "/body/bangunan/jumlahLantai", "numberRange" },
        { SamplePermohonan.With("bangunan.koordinat.lintang", "-90.5"), "/body/bangunan/koordinat/lintang", "minimum" },
        { SamplePermohonan.With("pihakTerkait.0.peran", "\"PENYUSUP\""), "/body/pihakTerkait/0/peran", "enum" },
        { SamplePermohonan.With("pihakTerkait", """[{"nik":"3275010101900002","peran":"ARSITEK"},{"nik":"3275010101900002","peran":"ARSITEK"}]"""), "/body/pihakTerkait", "uniqueItems" },
        { SamplePermohonan.With("pihakTerkait", "[" + string.Join(",", Enumerable.Range(10, 11).Select(i => $$"""{"nik":"32750101019000{{i}}","peran":"KUASA"}""")) + "]"), "/body/pihakTerkait", "maxItems" },
        { SamplePermohonan.With("rujukan.0", "\"5b0e7a52-3f4e-4f6a-9a51\""), "/body/rujukan/0", "format" },
        { SamplePermohonan.With("catatan", "\"" + new string('a', 501) + "\""), "/body/catatan", "maxLength" },
        { SamplePermohonan.With("diajukanPada", "\"2026-11-22 08:30\""), "/body/diajukanPada", "format" },
        { SamplePermohonan.With("isAdmin", "true"), "/body", "additionalProperties" },
        { SamplePermohonan.With("pemohon", null), "/body/pemohon", "required" },
        { "[]", "/body", "type" },
        { "null", "/body", "type" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task An_invalid_body_is_400_naming_location_and_rule_and_never_forwarded(string body, string location, string rule)
    {
        var response = await Send("POST", "/permohonan", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "DROP TABLE", "script", "siti.rahayu@", "Jakarta", "PENYUSUP", "isAdmin");
        Assert.Contains((location, rule), problem.Errors());
        Assert.Equal(0, api.Upstream.Count);
    }

    [Theory]
    [InlineData("""{"keputusan":"DISETUJUI","alasan":"Gambar teknis belum lengkap."}""")]
    [InlineData("""{"keputusan":"DITOLAK","alasan":"Gambar teknis belum lengkap.","nomorIzin":"PBG-2026-000123","berlakuSampai":"2031-11-22"}""")]
    [InlineData("""{"keputusan":"DISETUJUI"}""")]
    public async Task A_body_matching_no_alternative_of_one_of_is_refused(string body)
    {
        var response = await Send("PUT", $"/permohonan/{Id}/keputusan", body);

        Assert.Contains(("/body", "oneOf"), (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors());
        Assert.Equal(0, api.Upstream.Count);
    }

    [Fact]
    public async Task Several_errors_are_listed_together_and_capped()
    {
        var body = SamplePermohonan.With("pemohon.nik", "\"1\"")
            .Replace("\"HUNIAN\"", "\"PABRIK\"").Replace("\"001\"", "\"1\"");

        var errors = (await (await Send("POST", "/permohonan", body)).AssertProblemAsync(HttpStatusCode.BadRequest)).Errors();

        Assert.Contains(("/body/pemohon/nik", "minLength"), errors);
        Assert.Contains(("/body/pemohon/alamat/rt", "pattern"), errors);
        Assert.Contains(("/body/bangunan/fungsi", "enum"), errors);
        Assert.True(errors.Length <= 20);
    }

    [Fact]
    public async Task A_required_body_must_be_sent_and_an_operation_without_a_body_accepts_none()
    {
        var missing = await api.Client.PostAsync(P + "/permohonan", null);
        var unexpected = await Send("DELETE", $"/permohonan/{Id}", "{}");

        Assert.Contains(("/body", "required"), (await missing.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors());
        Assert.Contains(("/body", "notAllowed"), (await unexpected.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors());
        Assert.Equal(0, api.Upstream.Count);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=utf-16")]
    public async Task A_content_type_the_document_does_not_list_is_415_and_never_forwarded(string contentType)
    {
        var response = await Send("POST", "/permohonan", SamplePermohonan.Valid, contentType);

        Assert.Contains(("/body", "contentType"), (await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType)).Errors());
        Assert.Equal(0, api.Upstream.Count);
    }

    [Fact]
    public async Task The_body_limits_are_the_apis_own()
    {
        await api.SetValidationAsync(new { maxBodyBytes = 2048, maxDepth = 4, maxStringBytes = 40, maxArrayLength = 3 });

        var large = await Send("POST", "/permohonan", SamplePermohonan.With("catatan", "\"" + new string('a', 3000) + "\""));
        var deep = await Send("POST", "/permohonan", SamplePermohonan.With("catatan", "[[[[1]]]]"));
        var longString = await Send("POST", "/permohonan", SamplePermohonan.With("catatan", "\"" + new string('a', 41) + "\""));
        var longArray = await Send("POST", "/permohonan", SamplePermohonan.With("rujukan", "[1,2,3,4]"));
        var fine = await Send("POST", "/permohonan", SamplePermohonan.Valid);

        Assert.Contains(("/body", "maxBodyBytes"), (await large.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge)).Errors());
        Assert.Contains(("/body", "maxDepth"), (await deep.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors());
        Assert.Contains(("/body", "maxStringBytes"), (await longString.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors());
        Assert.Contains(("/body", "maxArrayLength"), (await longArray.AssertProblemAsync(HttpStatusCode.BadRequest)).Errors());
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        Assert.Single(api.Upstream.Received);
    }
}
