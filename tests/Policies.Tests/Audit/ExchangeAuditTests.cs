using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Policies.Exchange;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.Audit;

/// <summary>
/// The audit record of each exchange through a real gateway to a real upstream (Pasal 59 ayat (9) huruf d and e;
/// Pasal 60 ayat (3) huruf j): written before forwarding, complete, and free of exempt information.
/// </summary>
public class ExchangeAuditTests
{
    [Fact]
    public async Task The_upstream_receives_a_request_only_after_its_record_is_on_disk()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        var log = new AuditLogReader(gateway.DataDirectory);
        var heldWhenReceived = new ConcurrentDictionary<string, bool>();
        upstream.Handler = async context =>
        {
            // At the moment the upstream acts, the gateway's store must already hold the request (strict mode).
            var id = context.Request.Headers["X-Request-Id"].ToString();
            heldWhenReceived[id] = log.ForRequest(id).Any(r => r.Type == "exchange.request");
            await context.Response.WriteAsync("ok");
        };
        await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            gateway.Client.PostAsync($"/dinkes/faskes/v1/items/{i}", new StringContent($"{{\"n\":{i}}}", Encoding.UTF8, "application/json"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(40, heldWhenReceived.Count);
        Assert.All(heldWhenReceived, kv => Assert.True(kv.Value, $"request {kv.Key} reached the upstream before its record was durable"));
    }

    [Fact]
    public async Task The_records_of_an_exchange_hold_who_what_when_the_body_digests_and_the_outcome_but_never_the_bodies()
    {
        await using var upstream = await StubUpstream.StartAsync();
        upstream.Handler = async context =>
        {
            context.Response.StatusCode = 201;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"nama\":\"Siti Rahayu\"}");
        };
        await using var gateway = await TestGateway.StartAsync(configure: builder => builder.Services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(
            new CallerFilter(new GatewayCaller("app-dinkes", "dinkes", "jti-123", "AB12", new HashSet<string> { "faskes.read" }))));
        await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl + "/api"]);
        var body = "{\"rahasia\":\"isi-tubuh-permintaan\"}";

        var response = await gateway.Client.PostAsync("/dinkes/faskes/v1/pasien/3275010101900001?nik=3275010101900002&halaman=2",
            new StringContent(body, Encoding.UTF8, "application/json"));
        var responseBody = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = response.Headers.GetValues("X-Request-Id").Single();
        var records = await EventuallyAsync(() => new AuditLogReader(gateway.DataDirectory).ForRequest(id), r => r.Count == 2);
        var request = records[0].Json;
        var completion = records[1].Json;
        Assert.Equal("exchange.request", request.GetProperty("type").GetString());
        Assert.Equal("app-dinkes", request.GetProperty("client").GetProperty("id").GetString());
        Assert.Equal("dinkes", request.GetProperty("client").GetProperty("opd").GetString());
        Assert.Equal("jti-123", request.GetProperty("client").GetProperty("tokenId").GetString());
        Assert.Equal("AB12", request.GetProperty("client").GetProperty("certificateThumbprint").GetString());
        Assert.Equal("127.0.0.1", request.GetProperty("sourceIp").GetString());
        Assert.Equal("faskes", request.GetProperty("api").GetProperty("name").GetString());
        Assert.Equal("POST", request.GetProperty("method").GetString());
        Assert.Equal(Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body))), request.GetProperty("requestBody").GetProperty("sha256").GetString());
        Assert.StartsWith(upstream.BaseUrl, request.GetProperty("upstream").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", request.GetProperty("time").GetString());
        Assert.Equal("system", request.GetProperty("clock").GetProperty("source").GetString());
        Assert.Equal("test-policy", request.GetProperty("decisions")[0].GetProperty("policy").GetString());

        // Pasal 59 ayat (9) huruf c: the NIK in the path and the sensitive query value are stored as their HMAC only.
        var target = request.GetProperty("target").GetString()!;
        Assert.StartsWith("/dinkes/faskes/v1/pasien/hmac:", target);
        Assert.Contains("&halaman=2", target);
        Assert.DoesNotContain("3275010101900001", records[0].Text);
        Assert.DoesNotContain("3275010101900002", records[0].Text);
        Assert.DoesNotContain("isi-tubuh-permintaan", records[0].Text + records[1].Text);
        Assert.DoesNotContain("Siti Rahayu", records[0].Text + records[1].Text);

        Assert.Equal("exchange.response", completion.GetProperty("type").GetString());
        Assert.Equal(records[0].Seq, completion.GetProperty("requestRecord").GetInt64());
        Assert.Equal(201, completion.GetProperty("status").GetInt32());
        Assert.Equal("completed", completion.GetProperty("outcome").GetString());
        Assert.Equal(Hex(SHA256.HashData(responseBody)), completion.GetProperty("responseBody").GetProperty("sha256").GetString());
        Assert.True(completion.GetProperty("timingsMs").GetProperty("total").GetDouble() > 0);
        Assert.Equal(records[0].Seq.ToString(), response.Headers.GetValues("Spbe-Audit-Record").Single());
    }

    [Fact]
    public async Task Each_uploaded_file_is_hashed_and_the_upstream_receives_the_exact_bytes()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishPublicApiAsync("dinkes", "berkas", "v1", [upstream.BaseUrl]);
        var pdf = RandomNumberGenerator.GetBytes(50_000);
        var photo = RandomNumberGenerator.GetBytes(3_000);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "surat", "surat-rahasia.pdf" },
            { new ByteArrayContent(photo) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "foto", "ktp.png" },
            { new StringContent("catatan"), "keterangan" },
        };
        var sent = await form.ReadAsByteArrayAsync();

        var response = await gateway.Client.PostAsync("/dinkes/berkas/v1/unggah", form);

        response.EnsureSuccessStatusCode();
        Assert.Equal(sent, upstream.Received.Single().Body);
        var id = response.Headers.GetValues("X-Request-Id").Single();
        var request = new AuditLogReader(gateway.DataDirectory).ForRequest(id).First(r => r.Type == "exchange.request");
        var files = request.Json.GetProperty("files").EnumerateArray().ToArray();
        Assert.Equal(["surat", "foto"], files.Select(f => f.GetProperty("field").GetString()));
        Assert.Equal(Hex(SHA256.HashData(pdf)), files[0].GetProperty("sha256").GetString());
        Assert.Equal(Hex(SHA256.HashData(photo)), files[1].GetProperty("sha256").GetString());
        Assert.Equal(3000, files[1].GetProperty("length").GetInt64());
        Assert.DoesNotContain("surat-rahasia", request.Text); // file names may themselves be exempt information
    }

    [Fact]
    public async Task A_body_larger_than_the_hold_limit_streams_upstream_and_its_digest_is_in_the_completion_record()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Audit:MaxBufferedRequestBody"] = "1024" });
        await gateway.PublishPublicApiAsync("dinkes", "berkas", "v1", [upstream.BaseUrl]);
        var big = RandomNumberGenerator.GetBytes(200_000);

        var response = await gateway.Client.PutAsync("/dinkes/berkas/v1/besar", new ByteArrayContent(big));

        response.EnsureSuccessStatusCode();
        Assert.Equal(big, upstream.Received.Single().Body);
        var id = response.Headers.GetValues("X-Request-Id").Single();
        var records = await EventuallyAsync(() => new AuditLogReader(gateway.DataDirectory).ForRequest(id), r => r.Count == 2);
        Assert.Equal("streamed", records[0].Json.GetProperty("requestBody").GetString());
        Assert.Equal(Hex(SHA256.HashData(big)), records[1].Json.GetProperty("requestBody").GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task A_body_the_validation_read_is_recorded_from_that_buffer()
    {
        await using var upstream = await StubUpstream.StartAsync();
        // The audit's own hold limit is below the body's size: the digest can be in the request record (not "streamed")
        // only if it was taken from the buffer the validation read the body into, which is the one the upstream gets.
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Audit:MaxBufferedRequestBody"] = "64" });
        await gateway.PublishPublicApiAsync("dpmptsp", "perizinan", "v1", [upstream.BaseUrl + "/api"], openApi: SampleApis.Perizinan);
        var body = Encoding.UTF8.GetBytes(SchemaValidation.SamplePermohonan.Valid);

        var response = await gateway.Client.PostAsync("/dpmptsp/perizinan/v1/permohonan", Json(body));

        response.EnsureSuccessStatusCode();
        Assert.Equal(body, upstream.Received.Single().Body);
        var id = response.Headers.GetValues("X-Request-Id").Single();
        var request = (await EventuallyAsync(() => new AuditLogReader(gateway.DataDirectory).ForRequest(id), r => r.Count == 2))[0].Json;
        Assert.Equal(Hex(SHA256.HashData(body)), request.GetProperty("requestBody").GetProperty("sha256").GetString());
        Assert.Equal(body.Length, request.GetProperty("requestBody").GetProperty("length").GetInt64());
    }

    [Fact]
    public async Task When_the_log_cannot_make_the_record_durable_the_request_is_refused_and_never_forwarded()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Audit:DurabilityTimeout"] = "00:00:01" });
        await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        var log = new AuditLogReader(gateway.DataDirectory);

        HttpResponseMessage response;
        using (var blocker = new SqliteConnection($"Data Source={log.StorePath};Pooling=False"))
        {
            // Another writer holds the store: the gateway's writes cannot commit.
            blocker.Open();
            using var begin = blocker.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
            response = await gateway.Client.GetAsync("/dinkes/faskes/v1/x");
            using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, upstream.Count);
        // Once the store accepts writes again, the log holds the request and why it was not forwarded.
        var id = response.Headers.GetValues("X-Request-Id").Single();
        var records = await EventuallyAsync(() => log.ForRequest(id), r => r.Count == 2, TimeSpan.FromSeconds(30));
        Assert.Equal("audit-log-unavailable", records[1].Json.GetProperty("gatewayFailure").GetString());
        Assert.Equal(503, records[1].Status);
    }

    [Fact]
    public async Task In_async_mode_a_request_is_forwarded_even_while_the_log_cannot_write_which_is_why_strict_is_the_default()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Audit:Mode"] = "Async" });
        await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        var log = new AuditLogReader(gateway.DataDirectory);
        using var blocker = new SqliteConnection($"Data Source={log.StorePath};Pooling=False");
        blocker.Open();
        using var begin = blocker.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE";
        begin.ExecuteNonQuery();

        var response = await gateway.Client.GetAsync("/dinkes/faskes/v1/x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, upstream.Count);
        Assert.Empty(log.ForRequest(response.Headers.GetValues("X-Request-Id").Single()));
    }

    [Fact]
    public async Task An_upstream_that_is_down_is_recorded_with_the_gateways_answer()
    {
        // Its receipt as an RFC 9421 signature (Audit:Receipts:Mode=PerResponse); batched receipts: Gateway.Tests BatchedReceiptTests.
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Audit:Receipts:Mode"] = "PerResponse" });
        await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [StubUpstream.DeadUrl()]);

        var response = await gateway.Client.GetAsync("/dinkes/faskes/v1/x");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var id = response.Headers.GetValues("X-Request-Id").Single();
        var records = await EventuallyAsync(() => new AuditLogReader(gateway.DataDirectory).ForRequest(id), r => r.Count == 2);
        Assert.Equal(502, records[1].Status);
        Assert.True(response.Headers.Contains("Signature"));
    }

    [Fact]
    public async Task In_async_mode_exchanges_are_recorded_and_with_the_log_off_nothing_is_but_responses_still_carry_receipts()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using (var asynchronous = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Audit:Mode"] = "Async" }))
        {
            await asynchronous.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
            var response = await asynchronous.Client.GetAsync("/dinkes/faskes/v1/x");
            var id = response.Headers.GetValues("X-Request-Id").Single();
            await EventuallyAsync(() => new AuditLogReader(asynchronous.DataDirectory).ForRequest(id), r => r.Count == 2);
        }
        await using var off = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Audit:Mode"] = "Off" });
        await off.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        var unrecorded = await off.Client.GetAsync("/dinkes/faskes/v1/x");
        Assert.Equal(HttpStatusCode.OK, unrecorded.StatusCode);
        Assert.False(File.Exists(new AuditLogReader(off.DataDirectory).StorePath));
        Assert.True(unrecorded.Headers.Contains("Signature"));
        Assert.False(unrecorded.Headers.Contains("Spbe-Audit-Record"));
    }

    internal static async Task<IReadOnlyList<AuditLogReader.Row>> EventuallyAsync(Func<IReadOnlyList<AuditLogReader.Row>> read,
        Func<IReadOnlyList<AuditLogReader.Row>, bool> done, TimeSpan? timeout = null)
    {
        IReadOnlyList<AuditLogReader.Row> rows = [];
        await TestGateway.EventuallyAsync(() =>
        {
            rows = read();
            return Task.FromResult(done(rows));
        }, timeout ?? TimeSpan.FromSeconds(10), "the audit log holds the exchange's records");
        return rows;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static ByteArrayContent Json(byte[] body) => new(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

    /// <summary>
    /// A stand-in for the authentication policy (built on another branch): sets the caller and a decision in the
    /// exchange feature before the data plane runs, as that policy will.
    /// </summary>
    private sealed class CallerFilter(GatewayCaller caller) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                var exchange = context.GetGatewayExchange();
                exchange.Caller = caller;
                exchange.Record("test-policy", true, "caller-set-by-test");
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
