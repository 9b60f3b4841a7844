using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Portal.Accounts;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Management;

/// <summary>
/// Named callers only on the admin and audit APIs (Pasal 59 ayat (6) huruf c: the administrator-side interface is
/// controlled; ayat (9) huruf d: logs say who): the first-start token only creates the first administrator; a person
/// acts through the portal session with its anti-forgery token; an automation through a management client's token
/// with spbe.admin or spbe.audit; every record names the person or the client.
/// </summary>
public sealed class ManagementCallerTests
{
    private const string Password = "Rahasia-Uji-2026!";

    private static Task<TestGateway> StartAsync() => TestGateway.StartAsync(new Dictionary<string, string?> { ["Portal:PasswordHashIterations"] = "10000" });

    [Fact]
    public async Task The_first_start_token_creates_the_first_administrator_and_is_refused_once_one_exists()
    {
        await using var gateway = await StartAsync();
        using var bootstrap = gateway.CreateClient();
        bootstrap.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestGateway.AdminToken);

        // The shared token opens nothing but the bootstrap endpoint (it opened the whole admin API before).
        Assert.Equal(HttpStatusCode.Unauthorized, (await bootstrap.GetAsync("/admin/v1/opds")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bootstrap.PostAsJsonAsync("/admin/v1/opds", new { code = "dinkes", name = "Dinas Kesehatan" })).StatusCode);
        var wrong = gateway.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-first-start-token-0123456789");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsJsonAsync("/admin/v1/bootstrap/administrator", new { username = "penyusup", password = Password })).StatusCode);

        var first = await bootstrap.PostAsJsonAsync("/admin/v1/bootstrap/administrator", new { username = "kepala", displayName = "Kepala Bidang", password = Password });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var second = await bootstrap.PostAsJsonAsync("/admin/v1/bootstrap/administrator", new { username = "kedua", password = Password });
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bootstrap.GetAsync("/admin/v1/opds")).StatusCode);

        var accounts = await gateway.Services.GetRequiredService<PortalAccountService>().ListAsync(CancellationToken.None);
        Assert.Equal(["kepala"], accounts.Where(a => a.Role == PortalRole.PlatformAdministrator).Select(a => a.Username));
        var records = new AuditLogReader(gateway.DataDirectory).All("type = 'admin'").Select(r => r.Json)
            .Where(r => r.GetProperty("action").GetString() == "BootstrapAdministrator").ToList();
        Assert.Equal(["succeeded", "refused"], records.Select(r => r.GetProperty("outcome").GetString()));
        Assert.All(records, r => Assert.Equal("bootstrap", r.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task A_management_client_with_spbe_admin_is_accepted_on_the_admin_api_and_refused_on_the_audit_api()
    {
        await using var gateway = await StartAsync();
        var created = await gateway.Admin.PostAsJsonAsync("/admin/v1/management-clients", new { name = "Skrip penerapan", scopes = new[] { "spbe.admin" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var credentials = new TestClientCredentials(body.GetProperty("client").GetProperty("clientId").GetString()!, body.GetProperty("clientSecret").GetString()!);
        using var automation = gateway.CreateClient();
        automation.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await gateway.GetTokenAsync(credentials, "spbe.admin"));

        Assert.Equal(HttpStatusCode.Created, (await automation.PostAsJsonAsync("/admin/v1/opds", new { code = "dinkes", name = "Dinas Kesehatan" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await automation.GetAsync("/audit/v1/records")).StatusCode);
        // It may not ask for the audit scope it was not given.
        Assert.Equal(HttpStatusCode.BadRequest, (await gateway.PostTokenRequestAsync(credentials, "spbe.audit")).StatusCode);

        var record = new AuditLogReader(gateway.DataDirectory).All("type = 'admin'").Select(r => r.Json)
            .Single(r => r.GetProperty("action").GetString() == "CreateOpd");
        Assert.Equal("client:" + credentials.ClientId, record.GetProperty("actor").GetString());

        // Taking the mark away ends its token at the next request.
        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.PutAsJsonAsync($"/admin/v1/clients/{credentials.ClientId}/management", new { scopes = Array.Empty<string>() })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await automation.GetAsync("/admin/v1/opds")).StatusCode);
    }

    [Fact]
    public async Task A_client_that_is_not_a_management_client_cannot_obtain_spbe_admin_even_from_an_api_declaring_it()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await StartAsync();
        var apiId = await gateway.PublishApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl], scopes: ["spbe.admin", "faskes.read"]);
        var client = await gateway.CreateClientAsync("pemanggil");
        await gateway.SubscribeAsync(client.ClientId, apiId);

        var asked = await gateway.PostTokenRequestAsync(client, "spbe.admin");
        Assert.Equal(HttpStatusCode.BadRequest, asked.StatusCode);
        Assert.Equal("invalid_scope", JsonDocument.Parse(await asked.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        var granted = await gateway.RequestTokenAsync(client);
        Assert.DoesNotContain("spbe.admin", granted.GetProperty("scope").GetString()!.Split(' '));

        using var caller = gateway.CreateClient();
        caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", granted.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await caller.GetAsync("/admin/v1/opds")).StatusCode);
    }

    [Fact]
    public async Task A_person_signed_in_to_the_portal_changes_through_the_admin_api_only_with_the_anti_forgery_token_and_is_named()
    {
        await using var gateway = await StartAsync();
        var accounts = gateway.Services.GetRequiredService<PortalAccountService>();
        await accounts.CreateAsync(new PortalAccountInput("kepala", "Kepala Bidang", PortalRole.PlatformAdministrator, null, Password), false, CancellationToken.None);
        await accounts.CreateAsync(new PortalAccountInput("pemeriksa", "Pemeriksa", PortalRole.SecurityAuditor, null, Password), false, CancellationToken.None);
        // Both roles act only with a second factor (issue 17): each enrols an authenticator app, whose codes the test computes.
        foreach (var username in new[] { "kepala", "pemeriksa" })
            Keys[username] = await PortalPerson.EnrolAuthenticatorAsync(gateway, username);

        var (administrator, token) = await SignInAsync(gateway, "kepala");
        Assert.Equal(HttpStatusCode.OK, (await administrator.GetAsync("/admin/v1/opds")).StatusCode);
        // A change riding on the session cookie alone (what a cross-site request would be) is refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await administrator.PostAsJsonAsync("/admin/v1/opds", new { code = "palsu", name = "Palsu" })).StatusCode);
        using var change = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/opds") { Content = JsonContent.Create(new { code = "dinkes", name = "Dinas Kesehatan" }) };
        change.Headers.Add("X-CSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.Created, (await administrator.SendAsync(change)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await administrator.GetAsync("/audit/v1/records")).StatusCode);

        var (auditor, _) = await SignInAsync(gateway, "pemeriksa");
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/audit/v1/records")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/admin/v1/opds")).StatusCode);

        var log = new AuditLogReader(gateway.DataDirectory);
        var created = log.All("type = 'admin'").Select(r => r.Json).Where(r => r.GetProperty("action").GetString() == "CreateOpd").ToList();
        Assert.Equal(["person:kepala"], created.Where(r => r.GetProperty("outcome").GetString() == "succeeded").Select(r => r.GetProperty("actor").GetString()));
        Assert.Contains(log.All("type = 'audit.read'").Select(r => r.Json), r => r.GetProperty("actor").GetString() == "person:pemeriksa");
    }

    private static async Task<(HttpClient Client, string Token)> SignInAsync(TestGateway gateway, string username)
    {
        var person = await PortalPerson.SignInAsync(gateway, username, Keys[username], Password);
        return (person.Client, person.AntiforgeryToken);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Keys = new();
}
