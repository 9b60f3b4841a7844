using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.Catalog;

/// <summary>
/// The rules no setting turns off (issue 18), through the admin API: an Exempt API is never public; an API of
/// Restricted information without an OpenAPI document goes live only under an unexpired waiver; an SLA below 95% and
/// an <c>Sla:Floor</c> below 0.95 are refused.
/// </summary>
public sealed class StandingRuleTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() =>
        _gateway = await TestGateway.StartAsync(configure: b => b.Services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task An_exempt_api_marked_public_is_refused_naming_the_field_and_the_rule()
    {
        await _gateway.EnsureOpdAsync("dinkes");

        var response = await _gateway.Admin.PostAsJsonAsync("/admin/v1/apis", NewApi("rekam-medis", "Exempt", isPublic: true));

        var errors = await ProblemErrorsAsync(response);
        Assert.Contains("Pasal 59 ayat (6) huruf d", errors.GetProperty("isPublic")[0].GetString());
    }

    [Fact]
    public async Task A_restricted_api_without_a_document_is_refused_accepted_with_a_waiver_and_refused_again_after_it_expires()
    {
        await _gateway.EnsureOpdAsync("bapenda");
        var created = await _gateway.Admin.PostAsJsonAsync("/admin/v1/apis", NewApi("pajak", "Restricted", isPublic: false, opd: "bapenda"));
        await AdminApiCalls.EnsureSuccessAsync(created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await _gateway.PutRegistrationProfileAsync(id);

        var refused = await _gateway.Admin.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Submitted" });
        Assert.Contains("validation-waiver", (await ProblemErrorsAsync(refused)).GetProperty("openApiDocument")[0].GetString());

        // A waiver is a security reviewer's record: the administrator token is refused, a security reviewer records it.
        var waiver = new { reason = "Dokumen OpenAPI disusun vendor, selesai Januari", expiresAt = _clock.GetUtcNow().AddDays(30) };
        Assert.Equal(HttpStatusCode.Forbidden, (await _gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{id}/validation-waiver", waiver)).StatusCode);
        await _gateway.Approvals.Workflow.RecordValidationWaiverAsync(TestApprovals.SecurityReviewer, id,
            new SpbeConnector.Registry.Catalog.ValidationWaiverInput(waiver.reason, waiver.expiresAt), CancellationToken.None);
        await _gateway.MoveApiAsync(id, "Submitted");
        await _gateway.Approvals.ApprovePendingAsync(id);
        await _gateway.MoveApiAsync(id, "Published");
        var record = await _gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/apis/{id}");
        Assert.Equal("Dokumen OpenAPI disusun vendor, selesai Januari", record.GetProperty("validationWaiver").GetProperty("reason").GetString());
        Assert.False(record.GetProperty("validationWaiver").GetProperty("expired").GetBoolean());

        _clock.Advance(TimeSpan.FromDays(31));
        var change = await _gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{id}/cors", new { allowedOrigins = new[] { "https://pajak.bekasikota.go.id" } });
        Assert.Contains("expired", (await ProblemErrorsAsync(change)).GetProperty("openApiDocument")[0].GetString());
        record = await _gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/apis/{id}");
        Assert.True(record.GetProperty("validationWaiver").GetProperty("expired").GetBoolean());
        var listed = await _gateway.Admin.GetFromJsonAsync<JsonElement>("/admin/v1/apis/rule-violations");
        Assert.Contains(listed.EnumerateArray(), v => v.GetProperty("id").GetGuid() == id && v.GetProperty("missing").TryGetProperty("openApiDocument", out _));
    }

    [Fact]
    public async Task A_waiver_without_a_reason_or_ending_in_the_past_is_refused()
    {
        await _gateway.EnsureOpdAsync("bapenda");
        var created = await _gateway.Admin.PostAsJsonAsync("/admin/v1/apis", NewApi("retribusi", "Restricted", isPublic: false, opd: "bapenda"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var refused = await Assert.ThrowsAsync<SpbeConnector.Registry.Catalog.RegistryValidationException>(() => _gateway.Approvals.Workflow.RecordValidationWaiverAsync(
            TestApprovals.SecurityReviewer, id, new SpbeConnector.Registry.Catalog.ValidationWaiverInput(" ", _clock.GetUtcNow().AddDays(-1)), CancellationToken.None));

        Assert.True(refused.Errors.ContainsKey("reason"));
        Assert.True(refused.Errors.ContainsKey("expiresAt"));
    }

    [Fact]
    public async Task An_sla_target_of_90_percent_is_refused_through_the_admin_api_and_95_is_accepted()
    {
        await _gateway.EnsureOpdAsync("dinkes");
        var created = await _gateway.Admin.PostAsJsonAsync("/admin/v1/apis", NewApi("antrean", "Public", isPublic: true));
        await AdminApiCalls.EnsureSuccessAsync(created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        object Profile(decimal sla) => new { ownerContact = "dinkes@bekasikota.go.id", pseRegistrationNumber = "PSE-010/2026", slaTargetPercent = sla, plans = new[] { "Bronze" } };

        var refused = await _gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{id}/profile", Profile(90m));
        Assert.Contains("Pasal 60 ayat (3) huruf m", (await ProblemErrorsAsync(refused)).GetProperty("slaTargetPercent")[0].GetString());
        Assert.Equal(0m, (await _gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/apis/{id}/profile")).GetProperty("slaTargetPercent").GetDecimal());

        await AdminApiCalls.EnsureSuccessAsync(await _gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{id}/profile", Profile(95m)));
        Assert.Equal(95m, (await _gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/apis/{id}/profile")).GetProperty("slaTargetPercent").GetDecimal());
    }

    private static object NewApi(string slug, string classification, bool isPublic, string opd = "dinkes") => new
    {
        opdCode = opd, name = slug, slug, version = "v1", upstreamUrls = new[] { "https://layanan.example.go.id" },
        allowInsecureUpstream = false, classification, isPublic,
    };

    private static async Task<JsonElement> ProblemErrorsAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }
}
