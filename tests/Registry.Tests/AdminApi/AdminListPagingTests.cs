using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.AdminApi;

/// <summary>
/// The admin API's lists at a province's scale (issue 19 item 10: <c>GET /admin/v1/apis</c> answered 3.2 MB with
/// 5,000 APIs): a bounded page (100 by default, at most 500), the body still a JSON array for existing clients, the
/// total in <c>X-Total-Count</c> and the next and previous pages in a <c>Link</c> header (RFC 8288) keeping the filters.
/// </summary>
public class AdminListPagingTests
{
    [Fact]
    public async Task The_API_list_is_paged_with_its_filters_kept_and_its_total_given()
    {
        await using var gateway = await TestGateway.StartAsync();
        for (var i = 1; i <= 7; i++)
            await gateway.RegisterApiAsync("dinkes", $"layanan-{i}", "v1", ["https://layanan.example.go.id"], through: "Submitted");
        await gateway.RegisterApiAsync("disdukcapil", "kependudukan", "v1", ["https://penduduk.example.go.id"], through: "Submitted");

        // Without paging parameters, as every existing client calls it: the whole list (under 100), as an array.
        var all = await gateway.Admin.GetAsync("/admin/v1/apis?opd=dinkes");
        Assert.Equal(7, (await all.Content.ReadFromJsonAsync<JsonElement[]>())!.Length);
        Assert.Equal("7", all.Headers.GetValues("X-Total-Count").Single());
        Assert.False(all.Headers.Contains("Link"));

        var slugs = new List<string>();
        string? next = "/admin/v1/apis?opd=dinkes&limit=3";
        var pages = 0;
        while (next is not null)
        {
            var answer = await gateway.Admin.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var items = (await answer.Content.ReadFromJsonAsync<JsonElement[]>())!;
            Assert.True(items.Length <= 3);
            slugs.AddRange(items.Select(a => a.GetProperty("slug").GetString()!));
            Assert.Equal("7", answer.Headers.GetValues("X-Total-Count").Single());
            var link = answer.Headers.TryGetValues("Link", out var values) ? values.Single() : "";
            if (pages > 0)
                Assert.Matches(Rel("prev"), link);
            next = Rel("next").Match(link) is { Success: true } m ? m.Groups["href"].Value : null;
            if (next is not null)
                Assert.Contains("opd=dinkes", next);
            pages++;
        }
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"layanan-{i}"), slugs);
    }

    [Fact]
    public async Task A_list_longer_than_the_default_page_is_cut_at_100_and_a_page_over_500_is_refused()
    {
        await using var gateway = await TestGateway.StartAsync();
        for (var i = 1; i <= 101; i++)
            await gateway.EnsureOpdAsync($"opd-{i:000}");

        var first = await gateway.Admin.GetAsync("/admin/v1/opds");
        Assert.Equal(100, (await first.Content.ReadFromJsonAsync<JsonElement[]>())!.Length);
        Assert.Equal("101", first.Headers.GetValues("X-Total-Count").Single());
        Assert.Contains("offset=100", first.Headers.GetValues("Link").Single());

        foreach (var list in new[] { "apis", "opds", "clients", "subscriptions", "plans" })
        {
            var refused = await gateway.Admin.GetAsync($"/admin/v1/{list}?limit=501");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("limit", await refused.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, (await gateway.Admin.GetAsync($"/admin/v1/{list}?offset=-1")).StatusCode);
        }
    }

    private static Regex Rel(string rel) => new($"<(?<href>[^>]+)>; rel=\"{rel}\"");
}
