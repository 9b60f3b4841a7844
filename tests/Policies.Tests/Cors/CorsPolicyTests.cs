using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.Cors;

/// <summary>
/// CORS per API: browser applications of OPDs on an allowed origin can call an API through the gateway; a preflight is
/// answered by the gateway before authentication and never reaches the upstream; any origin, method or header the API
/// does not allow is refused, and an API without CORS settings (the default) allows no cross-origin access at all
/// (Pasal 60 ayat (3) huruf f; ayat (5) huruf d for credentials).
/// </summary>
public sealed class CorsPolicyTests : IAsyncLifetime
{
    private const string Portal = "https://layanan.bekasikota.go.id";
    private const string Elsewhere = "https://bukan-opd.example";
    private const string WithCors = "/dinkes/faskes/v1/puskesmas";
    private const string WithoutCors = "/dinkes/rujukan/v1/puskesmas";

    private StubUpstream _upstream = null!;
    private TestGateway _gateway = null!;
    private Guid _corsApi;
    private Guid _plainApi;

    public async Task InitializeAsync()
    {
        _upstream = await StubUpstream.StartAsync();
        // An OPD service that answers every origin itself: the gateway, not the upstream, decides.
        _upstream.Handler = async context =>
        {
            context.Response.Headers["Access-Control-Allow-Origin"] = "*";
            context.Response.Headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, DELETE";
            await context.Response.WriteAsync("{}");
        };
        _gateway = await TestGateway.StartAsync();
        _corsApi = await _gateway.PublishApiAsync("dinkes", "faskes", "v1", [_upstream.BaseUrl]);
        _plainApi = await _gateway.PublishApiAsync("dinkes", "rujukan", "v1", [_upstream.BaseUrl]);
        await SetCorsAsync(_corsApi, new
        {
            allowedOrigins = new[] { Portal },
            allowedMethods = new[] { "GET", "POST" },
            allowedHeaders = new[] { "Authorization", "Content-Type" },
            exposedHeaders = new[] { "RateLimit-Remaining" },
            maxAge = "00:30:00",
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private async Task SetCorsAsync(Guid api, object settings)
    {
        await AdminApiCalls.EnsureSuccessAsync(await _gateway.PutApiSettingAsync(api, "cors", settings));
        await _gateway.WaitForRoutesAsync();
    }

    private Task<HttpResponseMessage> PreflightAsync(string path, string origin, string method = "POST", string? headers = "authorization,content-type")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (headers is not null)
            request.Headers.Add("Access-Control-Request-Headers", headers);
        return _gateway.Client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> GetFromAsync(HttpClient client, string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }

    private static string[] CorsHeaderNames(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers).Select(h => h.Key).Where(k => k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)).ToArray();

    private static string Header(HttpResponseMessage response, string name) => string.Join(", ", response.Headers.GetValues(name));

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_is_answered_204_by_the_gateway_without_a_token_and_never_reaches_the_upstream()
    {
        var response = await PreflightAsync(WithCors, Portal);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Portal, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("GET, POST", Header(response, "Access-Control-Allow-Methods"));
        Assert.Equal("Authorization, Content-Type", Header(response, "Access-Control-Allow-Headers"));
        Assert.Equal("1800", Header(response, "Access-Control-Max-Age"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.Contains("Origin", Header(response, "Vary"));
        Assert.Equal(0, _upstream.Count);
    }

    [Theory]
    [InlineData(Elsewhere, "POST", "authorization")]                     // origin not allowed
    [InlineData("https://layanan.bekasikota.go.id.example", "GET", null)] // a lookalike of the allowed origin
    [InlineData("null", "GET", null)]                                    // sandboxed or file: pages
    [InlineData(Portal, "DELETE", null)]                                 // method not allowed
    [InlineData(Portal, "POST", "authorization,x-spbe-client-id")]       // a header not allowed
    public async Task A_preflight_the_API_does_not_allow_is_refused_403_without_CORS_headers_and_never_forwarded(string origin, string method, string? headers)
    {
        var response = await PreflightAsync(WithCors, origin, method, headers);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(CorsHeaderNames(response));
        Assert.DoesNotContain(origin, await response.Content.ReadAsStringAsync()); // no echo of raw input
        Assert.Equal(0, _upstream.Count);
    }

    [Fact]
    public async Task An_API_without_CORS_settings_refuses_every_preflight_and_its_answers_carry_no_CORS_header_even_when_the_upstream_sends_some()
    {
        var preflight = await PreflightAsync(WithoutCors, Portal, "GET", null);
        using var caller = await _gateway.CreateCallerAsync(_plainApi);
        var actual = await GetFromAsync(caller, WithoutCors, Portal);

        Assert.Equal(HttpStatusCode.Forbidden, preflight.StatusCode);
        Assert.Empty(CorsHeaderNames(preflight));
        Assert.Equal(HttpStatusCode.OK, actual.StatusCode);
        Assert.Empty(CorsHeaderNames(actual));
        Assert.Equal("GET", Assert.Single(_upstream.Received).Method); // only the actual request was forwarded
    }

    [Fact]
    public async Task An_actual_request_from_an_allowed_origin_gets_the_APIs_CORS_headers_in_place_of_the_upstreams()
    {
        using var caller = await _gateway.CreateCallerAsync(_corsApi);

        var allowed = await GetFromAsync(caller, WithCors, Portal);
        var other = await GetFromAsync(caller, WithCors, Elsewhere);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(Portal, Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Equal("RateLimit-Remaining", Header(allowed, "Access-Control-Expose-Headers"));
        Assert.Contains("Origin", allowed.Headers.Vary);
        Assert.False(allowed.Headers.Contains("Access-Control-Allow-Methods")); // the upstream's own, removed
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Empty(CorsHeaderNames(other));
        Assert.Contains("Origin", other.Headers.Vary);
    }

    [Fact]
    public async Task A_refusal_by_a_later_policy_is_readable_by_the_allowed_origin()
    {
        var unauthenticated = await GetFromAsync(_gateway.Client, WithCors, Portal);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(Portal, Header(unauthenticated, "Access-Control-Allow-Origin"));
        Assert.Equal(0, _upstream.Count);
    }

    [Fact]
    public async Task With_credentials_allowed_the_origin_is_echoed_with_the_credentials_flag()
    {
        await SetCorsAsync(_corsApi, new { allowedOrigins = new[] { Portal, "http://localhost:5173" }, allowedMethods = new[] { "GET" }, allowCredentials = true });

        var preflight = await PreflightAsync(WithCors, "http://localhost:5173", "GET", null);

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal("http://localhost:5173", Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(preflight, "Access-Control-Allow-Credentials"));
        Assert.Equal("600", Header(preflight, "Access-Control-Max-Age")); // Cors:DefaultMaxAge
    }

    [Fact]
    public async Task Any_origin_without_credentials_is_answered_with_the_wildcard()
    {
        await SetCorsAsync(_plainApi, new { allowedOrigins = new[] { "*" }, allowedMethods = new[] { "GET" } });

        var preflight = await PreflightAsync(WithoutCors, Elsewhere, "GET", null);

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal("*", Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Equal(0, _upstream.Count);
    }

    [Fact]
    public async Task The_admin_API_shows_the_settings_and_refuses_settings_a_browser_could_not_match_or_that_widen_credentials()
    {
        var shown = JsonDocument.Parse(await _gateway.Admin.GetStringAsync($"/admin/v1/apis/{_corsApi}/cors")).RootElement;
        var none = JsonDocument.Parse(await _gateway.Admin.GetStringAsync($"/admin/v1/apis/{_plainApi}/cors")).RootElement;

        Assert.Equal(Portal, shown.GetProperty("allowedOrigins")[0].GetString());
        Assert.Equal("00:30:00", shown.GetProperty("maxAge").GetString());
        Assert.Equal(0, none.GetProperty("allowedOrigins").GetArrayLength());

        var cases = new (object Settings, string Field)[]
        {
            (new { allowedOrigins = new[] { "*" }, allowCredentials = true }, "allowCredentials"),
            (new { allowedOrigins = new[] { "*", Portal } }, "allowedOrigins"),
            (new { allowedOrigins = new[] { Portal + "/" } }, "allowedOrigins[0]"),
            (new { allowedOrigins = new[] { "https://Layanan.bekasikota.go.id" } }, "allowedOrigins[0]"),
            (new { allowedOrigins = new[] { "http://layanan.bekasikota.go.id" } }, "allowedOrigins[0]"),
            (new { allowedOrigins = new[] { "https://layanan.bekasikota.go.id:443" } }, "allowedOrigins[0]"),
            (new { allowedOrigins = new[] { "layanan.bekasikota.go.id" } }, "allowedOrigins[0]"),
            (new { allowedOrigins = new[] { Portal }, allowedMethods = new[] { "TRACE" } }, "allowedMethods"),
            (new { allowedOrigins = new[] { Portal }, allowedHeaders = new[] { "*" } }, "allowedHeaders"),
            (new { allowedOrigins = new[] { Portal }, allowedHeaders = new[] { "X-Bad\r\nInjected: 1" } }, "allowedHeaders"),
            (new { allowedOrigins = new[] { Portal }, maxAge = "2.00:00:00" }, "maxAge"),
        };
        foreach (var (settings, field) in cases)
        {
            var response = await _gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{_corsApi}/cors", settings);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"{JsonSerializer.Serialize(settings)} should be refused naming {field}: {errors}");
        }
        // Nothing refused was stored.
        Assert.Equal(Portal, JsonDocument.Parse(await _gateway.Admin.GetStringAsync($"/admin/v1/apis/{_corsApi}/cors")).RootElement.GetProperty("allowedOrigins")[0].GetString());
    }
}
