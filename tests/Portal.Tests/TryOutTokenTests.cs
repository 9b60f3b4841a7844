using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// The catalog's try-out (issue 19): a developer gets a short-lived token for their own application with an approved
/// subscription, through the portal session and without any secret; the token opens this API only, with the
/// subscription's scopes; another OPD's application, or one without an approved subscription, gets none.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed partial class TryOutTokenTests(PortalBrowser browser)
{
    [Fact]
    public async Task The_try_out_token_opens_this_API_for_the_own_application_and_is_refused_for_another_developers_application()
    {
        await using var upstream = await StubUpstream.StartAsync("wilayah");
        await using var other = await StubUpstream.StartAsync("lain");
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("pengembang", PortalRole.ApplicationDeveloper, "dinkes");
        await site.CreateAccountAsync("pengembang.lain", PortalRole.ApplicationDeveloper, "disdik");
        var api = await site.Gateway.PublishApiAsync("bappeda", "wilayah", "v1", [upstream.BaseUrl], scopes: ["wilayah.baca", "wilayah.tulis"], openApi: Document());
        var otherApi = await site.Gateway.PublishApiAsync("bappeda", "lain", "v1", [other.BaseUrl]);
        // The developer's application holds both APIs, the first with one of its two scopes; another OPD's application holds the first.
        var own = await site.Gateway.CreateClientAsync("dinkes");
        await site.Gateway.SubscribeAsync(own.ClientId, api, scopes: ["wilayah.baca"]);
        await site.Gateway.SubscribeAsync(own.ClientId, otherApi);
        var pending = await site.Gateway.CreateClientAsync("dinkes");
        await site.Gateway.SubscribeAsync(pending.ClientId, api, approve: false);
        var foreign = await site.Gateway.CreateClientAsync("disdik");
        await site.Gateway.SubscribeAsync(foreign.ClientId, api);

        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "pengembang");
        await page.GotoAsync($"/portal/katalog/{api}");

        // Only the approved application is offered; the examples name it (its id, never a secret).
        Assert.Equal([own.ClientId], await page.Locator("#try-out-client option").EvaluateAllAsync<string[]>("o => o.map(x => x.value)"));
        var curlExample = await page.Locator("#example-curl").InnerTextAsync();
        Assert.Contains($"-u \"{own.ClientId}:$CLIENT_SECRET\"", curlExample);
        Assert.Contains($"CLIENT_ID, CLIENT_SECRET = \"{own.ClientId}\", os.environ[\"CLIENT_SECRET\"]", await page.Locator("#example-python").InnerTextAsync());
        Assert.DoesNotContain(own.Secret, await page.ContentAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Dapatkan token uji coba" }).ClickAsync();
        await page.Locator("#try-out-curl").Filter(new() { HasTextRegex = new Regex("Bearer") }).WaitForAsync();
        var line = await page.Locator("#try-out-curl").InnerTextAsync();
        var token = BearerToken().Match(line).Groups[1].Value;
        Assert.Contains("/bappeda/wilayah/v1/", line);
        await PageChecks.CheckAsync(page, "katalog-api-uji-coba");

        // Bound to the application, this API alone, the subscription's scope, a few minutes.
        var jwt = new JsonWebToken(token);
        Assert.Equal(own.ClientId, jwt.GetClaim("client_id").Value);
        Assert.Equal([site.Gateway.ApiIdentifier("/bappeda/wilayah/v1")], jwt.Audiences);
        Assert.Equal("wilayah.baca", jwt.GetClaim("scope").Value);
        Assert.InRange(jwt.ValidTo - jwt.IssuedAt, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));

        // Swagger UI on the page sends it with the requests it tries.
        await page.Locator("#swagger-ui .opblock-summary-control").First.ClickAsync(new() { Timeout = 15000 });
        await page.Locator("#swagger-ui button.try-out__btn").First.ClickAsync();
        await page.Locator("#swagger-ui button.execute").First.ClickAsync();
        await page.Locator("#swagger-ui .live-responses-table tbody .response-col_status").First.WaitForAsync(new() { Timeout = 15000 });
        Assert.Equal("200", (await page.Locator("#swagger-ui .live-responses-table tbody .response-col_status").First.InnerTextAsync()).Trim());
        Assert.Single(upstream.Received);
        upstream.Clear();

        using var caller = site.Gateway.CreateClient();
        caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(200, (int)(await caller.GetAsync("/bappeda/wilayah/v1/kelurahan")).StatusCode);
        Assert.Single(upstream.Received);
        // Not the application's other API: the token names this one only.
        var refused = await caller.GetAsync("/bappeda/lain/v1/data");
        Assert.InRange((int)refused.StatusCode, 401, 403);
        Assert.Empty(other.Received);

        // The attack: the same session asks for a token of another OPD's application, then of its own without approval.
        var antiforgery = await page.Locator("form.try-out input[name=__RequestVerificationToken]").InputValueAsync();
        foreach (var clientId in new[] { foreign.ClientId, pending.ClientId })
        {
            var form = context.APIRequest.CreateFormData();
            form.Set("__RequestVerificationToken", antiforgery);
            form.Set("clientId", clientId);
            var answer = await context.APIRequest.PostAsync($"/portal/katalog/{api}/token-uji", new() { Form = form });
            Assert.Equal(403, answer.Status);
            Assert.DoesNotContain("access_token", await answer.TextAsync());
        }
        // Nor for an API the application does not hold.
        var forOther = context.APIRequest.CreateFormData();
        forOther.Set("__RequestVerificationToken", antiforgery);
        forOther.Set("clientId", pending.ClientId);
        Assert.Equal(403, (await context.APIRequest.PostAsync($"/portal/katalog/{otherApi}/token-uji", new() { Form = forOther })).Status);
    }

    private static string Document() => new JsonObject
    {
        ["openapi"] = "3.0.3",
        ["info"] = new JsonObject { ["title"] = "Wilayah", ["version"] = "1.0.0" },
        ["paths"] = new JsonObject
        {
            ["/kelurahan"] = new JsonObject
            {
                ["get"] = new JsonObject
                {
                    ["operationId"] = "daftarKelurahan",
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "ok" } },
                },
            },
        },
    }.ToJsonString();

    [GeneratedRegex("Bearer ([A-Za-z0-9_.-]+)")]
    private static partial Regex BearerToken();
}
