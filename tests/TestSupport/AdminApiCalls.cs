using System.Net.Http.Json;

namespace SpbeConnector.TestSupport;

/// <summary>The admin API calls tests make to set a gateway up, for an in-process gateway or a gateway process alike.</summary>
public static class AdminApiCalls
{
    public static async Task EnsureOpdAsync(HttpClient admin, string code)
    {
        var existing = await admin.GetAsync($"/admin/v1/opds/{code}");
        if (existing.IsSuccessStatusCode)
            return;
        await EnsureSuccessAsync(await admin.PostAsJsonAsync("/admin/v1/opds", new { code, name = $"OPD {code}", tenantDomain = (string?)null }));
    }

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
