using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// The portal's account administration is also in the admin API, behind the same rules: a weak temporary password is
/// refused with RFC 9457 problem details naming the cause, in English for API clients.
/// </summary>
public sealed class AdminApiParityTests
{
    [Fact]
    public async Task Portal_accounts_are_created_reset_and_disabled_through_the_admin_API_with_the_portal_rules()
    {
        await using var site = await PortalSite.StartAsync();
        await site.Gateway.EnsureOpdAsync("dinkes");
        var admin = site.Gateway.Admin;

        var weak = await admin.PostAsJsonAsync("/admin/v1/portal-accounts", new { username = "pengembang", displayName = "Pengembang", role = "ApplicationDeveloper", opdCode = "dinkes", temporaryPassword = "pendek" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal("application/problem+json", weak.Content.Headers.ContentType?.MediaType);
        Assert.Contains("too short", await weak.Content.ReadAsStringAsync());

        var created = await admin.PostAsJsonAsync("/admin/v1/portal-accounts", new { username = "pengembang", displayName = "Pengembang", role = "ApplicationDeveloper", opdCode = "dinkes", temporaryPassword = "Sementara-123456" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("mustChangePassword").GetBoolean());
        Assert.Equal("dinkes", body.GetProperty("opdCode").GetString());
        Assert.False(body.TryGetProperty("passwordHash", out _));

        var reset = await admin.PostAsJsonAsync("/admin/v1/portal-accounts/pengembang/password-reset", new { temporaryPassword = "Pulih-Sandi-4321" });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var disabled = await admin.PostAsJsonAsync("/admin/v1/portal-accounts/pengembang/status", new { disabled = true });
        Assert.True(JsonDocument.Parse(await disabled.Content.ReadAsStringAsync()).RootElement.GetProperty("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/admin/v1/portal-accounts/tidak-ada/status", new { disabled = true })).StatusCode);
        // Without the administrator token: refused.
        Assert.Equal(HttpStatusCode.Unauthorized, (await site.Gateway.Client.GetAsync("/admin/v1/portal-accounts")).StatusCode);
    }
}
