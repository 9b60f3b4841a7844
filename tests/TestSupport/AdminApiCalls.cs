using System.Net.Http.Json;

namespace SpbeConnector.TestSupport;

/// <summary>The admin API calls tests make to set a gateway up, for an in-process gateway or a gateway process alike.</summary>
public static class AdminApiCalls
{
    /// <summary>Registers an OPD (if new) and an API callable without a token (unless told otherwise), and moves it to Published.</summary>
    public static async Task<Guid> PublishApiAsync(HttpClient admin, string opd, string slug, string version, IEnumerable<string> upstreams,
        bool allowInsecure = true, string? openApi = null, string classification = "Restricted", bool isPublic = true)
    {
        await EnsureOpdAsync(admin, opd);
        var created = await admin.PostAsJsonAsync("/admin/v1/apis", new
        {
            opdCode = opd, name = $"{opd} {slug}", slug, version, upstreamUrls = upstreams.ToArray(),
            allowInsecureUpstream = allowInsecure, openApiDocument = openApi, classification, isPublic,
        });
        await EnsureSuccessAsync(created);
        var id = (await created.Content.ReadFromJsonAsync<IdOnly>())!.Id;
        if (openApi is null && classification != "Public")
            await RecordTestWaiverAsync(admin, id, DateTimeOffset.UtcNow);
        foreach (var status in new[] { "Submitted", "Approved", "Published" })
            await MoveApiAsync(admin, id, status);
        return id;
    }

    public static async Task EnsureOpdAsync(HttpClient admin, string code)
    {
        var existing = await admin.GetAsync($"/admin/v1/opds/{code}");
        if (existing.IsSuccessStatusCode)
            return;
        await EnsureSuccessAsync(await admin.PostAsJsonAsync("/admin/v1/opds", new { code, name = $"OPD {code}", tenantDomain = (string?)null }));
    }

    /// <summary>
    /// Records a validation waiver for a test API of Restricted information or above registered without an OpenAPI
    /// document (tests about everything but validation): the registry refuses to publish it otherwise (issue 18).
    /// </summary>
    public static async Task RecordTestWaiverAsync(HttpClient admin, Guid id, DateTimeOffset now) =>
        await EnsureSuccessAsync(await admin.PutAsJsonAsync($"/admin/v1/apis/{id}/validation-waiver",
            new { reason = "Test API without an OpenAPI document", expiresAt = now.AddDays(180) }));

    public static async Task MoveApiAsync(HttpClient admin, Guid id, string status) =>
        // Suspending and retiring are emergency acts and say why; the other moves ignore the reason.
        await EnsureSuccessAsync(await admin.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status, reason = "Test: " + status }));

    public static async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
    }

    internal sealed record IdOnly(Guid Id);
}
