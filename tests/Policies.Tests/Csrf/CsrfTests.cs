using System.Net;
using SpbeConnector.Policies.Tests.SchemaValidation;

namespace SpbeConnector.Policies.Tests.Csrf;

/// <summary>
/// CSRF protection of cookie-using RESTful services (Pasal 60 ayat (5) huruf d): for a cookie-session API an
/// unsafe request needs a matching origin and the double-submit token; a token-authenticated API never forwards
/// the client's cookies unless configured to. Every refused request is proven never to reach the upstream.
/// </summary>
public sealed class CsrfTests(PerizinanApiFixture api) : IClassFixture<PerizinanApiFixture>, IAsyncLifetime
{
    private const string Portal = "https://portal.bekasikota.go.id";
    private const string Resource = PerizinanApiFixture.Prefix + "/permohonan/5b0e7a52-3f4e-4f6a-9a51-0c8c1d2e3f40";
    private const string Session = "sesi=7f3c9a0e51b24d6f";
    private static readonly string Token = new string('A', 42) + "w";

    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await api.ResetAsync();
        _client = api.Gateway.CreateClient(h => h.UseCookies = false); // cookies exactly as each test writes them
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    private Task UseCookieSessionsAsync() => api.SetValidationAsync(new { sessions = "Cookie", allowedOrigins = new[] { Portal } });

    private Task<HttpResponseMessage> Send(HttpMethod method, string? origin = null, string? cookie = null, string? header = null, string? fetchSite = null)
    {
        var request = new HttpRequestMessage(method, Resource);
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        if (header is not null) request.Headers.Add("X-CSRF-Token", header);
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return _client.SendAsync(request);
    }

    [Fact]
    public async Task A_token_api_drops_the_clients_cookies_before_forwarding()
    {
        var get = await Send(HttpMethod.Get, cookie: Session);
        var delete = await Send(HttpMethod.Delete, origin: "https://evil.example", cookie: Session);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.All(api.Upstream.Received, r => Assert.False(r.Headers.ContainsKey("Cookie")));
        Assert.Equal(2, api.Upstream.Count);
    }

    [Fact]
    public async Task A_token_api_configured_to_forward_cookies_forwards_them()
    {
        await api.SetValidationAsync(new { forwardCookies = true });

        await Send(HttpMethod.Get, cookie: Session);

        Assert.Equal(Session, Assert.Single(api.Upstream.Received).Headers["Cookie"]);
    }

    [Fact]
    public async Task A_safe_request_to_a_cookie_api_gets_a_host_only_secure_strict_token_cookie()
    {
        await UseCookieSessionsAsync();

        var response = await Send(HttpMethod.Get, cookie: Session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-spbe-csrf=", StringComparison.Ordinal));
        Assert.Matches("^__Host-spbe-csrf=[A-Za-z0-9_-]{43}; path=/; secure; samesite=strict$", cookie);
        Assert.DoesNotContain("httponly", cookie);
        Assert.Equal(Session, Assert.Single(api.Upstream.Received).Headers["Cookie"]); // the session itself goes through
    }

    [Theory]
    [InlineData(Portal, null)]                 // an origin the API allows
    [InlineData(null, "same-origin")]          // no Origin, but Fetch Metadata says same-origin
    public async Task An_unsafe_request_with_a_matching_origin_and_token_passes_without_the_token(string? origin, string? fetchSite)
    {
        await UseCookieSessionsAsync();

        var response = await Send(HttpMethod.Delete, origin, $"{Session}; __Host-spbe-csrf={Token}", Token, fetchSite);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(api.Upstream.Received);
        Assert.Equal(Session, received.Headers["Cookie"]);
        Assert.False(received.Headers.ContainsKey("X-CSRF-Token"));
    }

    [Fact]
    public async Task The_gateways_own_origin_is_accepted()
    {
        await UseCookieSessionsAsync();
        var own = new Uri(api.Gateway.BaseUrl).GetLeftPart(UriPartial.Authority);

        var response = await Send(HttpMethod.Delete, own, $"{Session}; __Host-spbe-csrf={Token}", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string?, string?, string?, string?> Forgeries => new()
    {
        { "a cross-site origin", "https://evil.example", $"{Session}; __Host-spbe-csrf={Token}", Token, null },
        { "an allowed host over plain http", "http://portal.bekasikota.go.id", $"{Session}; __Host-spbe-csrf={Token}", Token, null },
        { "the opaque origin null", "null", $"{Session}; __Host-spbe-csrf={Token}", Token, null },
        { "no origin and no fetch metadata", null, $"{Session}; __Host-spbe-csrf={Token}", Token, null },
        { "no origin and a cross-site fetch", null, $"{Session}; __Host-spbe-csrf={Token}", Token, "cross-site" },
        { "no token header", Portal, $"{Session}; __Host-spbe-csrf={Token}", null, null },
        { "no token cookie", Portal, Session, Token, null },
        { "a token header that differs from the cookie", Portal, $"{Session}; __Host-spbe-csrf={Token}", new string('B', 42) + "w", null },
        { "a malformed token in both", Portal, $"{Session}; __Host-spbe-csrf=x", "x", null },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_unsafe_request_to_a_cookie_api_is_403_and_never_forwarded(string forgery, string? origin, string? cookie, string? header, string? fetchSite)
    {
        await UseCookieSessionsAsync();

        var response = await Send(HttpMethod.Delete, origin, cookie, header, fetchSite);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, Token);
        Assert.Equal("Cross-site request refused", problem.GetProperty("title").GetString());
        Assert.True(api.Upstream.Count == 0, $"{forgery} reached the upstream");
    }

    [Fact]
    public async Task A_safe_request_needs_no_token_even_cross_site()
    {
        await UseCookieSessionsAsync();

        var response = await Send(HttpMethod.Get, "https://evil.example", Session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
