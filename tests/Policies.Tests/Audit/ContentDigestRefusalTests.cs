using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using SpbeConnector.Policies.Tests.SchemaValidation;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.Audit;

/// <summary>
/// A request's <c>Content-Digest</c> (RFC 9530) is the client's word on the body the upstream gets, and what a signed
/// request (RFC 9421) commits to: a digest that does not describe the body, cannot be read, or uses no algorithm the
/// gateway checks is answered at once with 400 problem details naming the field, in strict audit mode, with and
/// without schema validation (which holds the body itself), and the upstream never sees the request.
/// </summary>
public class ContentDigestRefusalTests(ContentDigestRefusalTests.Apis apis) : IClassFixture<ContentDigestRefusalTests.Apis>
{
    /// <summary>Strict audit (the default), one API with its OpenAPI document (validated) and one without.</summary>
    public sealed class Apis : PerizinanApiFixture
    {
        public const string Unvalidated = "/dinkes/faskes/v1";

        public StubUpstream Plain { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Plain = await StubUpstream.StartAsync("faskes");
            await Gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [Plain.BaseUrl]);
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Plain.DisposeAsync();
        }
    }

    /// <summary>Longer than this and the gateway did not answer "at once" (generous for a loaded test machine).</summary>
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(10);

    public static TheoryData<bool, string, string> Refused => new()
    {
        { true, "mismatch", "" }, { false, "mismatch", "" },
        { true, "malformed", "" }, { false, "malformed", "" },
        { true, "unsupported-only", "" }, { false, "unsupported-only", "" },
        { true, "one-of-two-wrong", "" }, { false, "one-of-two-wrong", "" },
        { true, "mismatch", "chunked" }, { false, "mismatch", "chunked" },
        { true, "malformed", "chunked" }, { false, "malformed", "chunked" },
        // Without a body (the validated API's operation requires one, and validation refuses its absence first).
        { false, "mismatch", "empty" }, { false, "malformed", "empty" }, { false, "unsupported-only", "empty" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_content_digest_that_does_not_describe_the_body_is_answered_at_once_with_400_and_never_forwarded(bool validated, string digest, string framing)
    {
        var (path, upstream) = await TargetAsync(validated);
        var body = framing == "empty" ? "" : SamplePermohonan.Valid;

        var response = await SendWithinAsync(path, body, DigestFor(digest, body), chunked: framing == "chunked");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Content-Digest", problem.GetProperty("title").GetString());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains("sha-256", response.Headers.GetValues("Want-Content-Digest").Single());
        Assert.Equal(0, upstream.Count);
        var id = response.Headers.GetValues("X-Request-Id").Single();
        var rows = await ExchangeAuditTests.EventuallyAsync(() => new AuditLogReader(apis.Gateway.DataDirectory).ForRequest(id), r => r.Count == 1);
        Assert.Equal("refused", rows[0].Json.GetProperty("outcome").GetString());
    }

    public static TheoryData<bool, string, string> Forwarded => new()
    {
        { true, "sha-256", "" }, { false, "sha-256", "" },
        { true, "sha-512", "" }, { false, "sha-512", "" },
        { true, "both-right", "" }, { false, "both-right", "" },
        { true, "sha-256-and-unknown", "" }, { false, "sha-256-and-unknown", "" },
        { true, "sha-256", "chunked" }, { false, "sha-256", "chunked" },
        { false, "sha-256", "empty" },
    };

    [Theory]
    [MemberData(nameof(Forwarded))]
    public async Task A_content_digest_that_describes_the_body_is_forwarded_with_the_body_unchanged(bool validated, string digest, string framing)
    {
        var (path, upstream) = await TargetAsync(validated);
        var body = framing == "empty" ? "" : SamplePermohonan.Valid;

        var response = await SendWithinAsync(path, body, DigestFor(digest, body), chunked: framing == "chunked");

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var received = Assert.Single(upstream.Received);
        Assert.Equal(body, Encoding.UTF8.GetString(received.Body));
        Assert.Equal(DigestFor(digest, body), received.Headers["Content-Digest"]);
    }

    private async Task<(string Path, StubUpstream Upstream)> TargetAsync(bool validated)
    {
        await apis.ResetAsync();
        apis.Plain.Clear();
        return validated ? (PerizinanApiFixture.Prefix + "/permohonan", apis.Upstream) : (Apis.Unvalidated + "/permohonan", apis.Plain);
    }

    private async Task<HttpResponseMessage> SendWithinAsync(string path, string body, string digest, bool chunked)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = chunked ? new UnknownLengthContent(bytes) : new ByteArrayContent(bytes),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.TryAddWithoutValidation("Content-Digest", digest);
        using var timeout = new CancellationTokenSource(AtOnce);
        try
        {
            return await apis.Client.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"no answer within {AtOnce.TotalSeconds} s: the gateway hung on the request");
            throw;
        }
    }

    private static string DigestFor(string kind, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var sha256 = $"sha-256=:{Convert.ToBase64String(SHA256.HashData(bytes))}:";
        var sha512 = $"sha-512=:{Convert.ToBase64String(SHA512.HashData(bytes))}:";
        var other = Encoding.UTF8.GetBytes(body + " ");
        return kind switch
        {
            "sha-256" => sha256,
            "sha-512" => sha512,
            "both-right" => $"{sha512}, {sha256}",
            "sha-256-and-unknown" => $"md5=:{Convert.ToBase64String(MD5.HashData(bytes))}:, {sha256}",
            "mismatch" => $"sha-256=:{Convert.ToBase64String(SHA256.HashData(other))}:",
            "one-of-two-wrong" => $"{sha256}, sha-512=:{Convert.ToBase64String(SHA512.HashData(other))}:",
            "malformed" => "sha-256=:bukan base64!:",
            "unsupported-only" => $"md5=:{Convert.ToBase64String(MD5.HashData(bytes))}:",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>A body whose length is not announced, so that the client sends it chunked.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
