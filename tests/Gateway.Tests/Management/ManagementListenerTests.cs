using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Management;

/// <summary>
/// <c>Gateway:ManagementUrls</c> (Pasal 59 ayat (6) huruf c): the admin API, the audit API's records and the portal's
/// administrative pages only on the management listener (here 127.0.0.2, another loopback address), 404 on the public
/// one; the catalog's APIs only on the public one.
/// </summary>
public sealed class ManagementListenerTests
{
    [Fact]
    public async Task With_management_urls_the_admin_and_audit_apis_are_only_on_the_management_listener()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Gateway:ManagementUrls"] = "https://127.0.0.2:0" });
        var addresses = gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var managementUrl = addresses.Single(a => a.Contains("127.0.0.2"));
        Assert.DoesNotContain("127.0.0.2", gateway.BaseUrl);
        gateway.Admin.BaseAddress = new Uri(managementUrl); // the test's helpers administer through the management listener
        using var management = gateway.CreateClient();
        management.BaseAddress = new Uri(managementUrl);
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await gateway.AdminAccessTokenAsync());
        using var publicAdmin = gateway.CreateClient();
        publicAdmin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await gateway.AdminAccessTokenAsync());

        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/admin/v1/opds")).StatusCode);
        foreach (var path in new[] { "/admin/v1/opds", "/admin/docs", "/audit/v1/records", "/portal/pengguna", "/portal/paket", "/portal/keamanan" })
        {
            var refused = await publicAdmin.GetAsync(path);
            Assert.True(refused.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)refused.StatusCode} on the public listener");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        // What anyone must be able to check stays public.
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/audit/v1/receipt-keys")).StatusCode);

        // Publishing through the management listener; the API is served on the public listener only.
        var opd = await management.PostAsync("/admin/v1/opds", System.Net.Http.Json.JsonContent.Create(new { code = "dinkes", name = "Dinas Kesehatan" }));
        Assert.Equal(HttpStatusCode.Created, opd.StatusCode);
        await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/dinkes/faskes/v1/rumah-sakit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync("/dinkes/faskes/v1/rumah-sakit")).StatusCode);
        Assert.Equal(1, upstream.Count);
    }

    [Fact]
    public async Task Without_management_urls_one_listener_serves_everything()
    {
        await using var gateway = await TestGateway.StartAsync();
        Assert.Single(gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.GetAsync("/admin/v1/opds")).StatusCode);
    }
}
