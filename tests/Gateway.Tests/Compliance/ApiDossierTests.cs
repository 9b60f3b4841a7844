using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Storage;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Compliance;

/// <summary>
/// The dossier of an API (issue 20): the reviewer records the Level Risiko SPBE and whether the application is an
/// Aplikasi Umum or Khusus (003 Pasal 41-42; Pasal 1 angka 20-21 of the five regulations) and reads them with the rest
/// of the dossier; the compliance report lists every API with them, and the duties that ask for them (REG-04, REG-07,
/// REG-10) name the APIs in service that lack a PSE number, a risk level or the flag.
/// </summary>
public sealed class ApiDossierTests
{
    [Fact]
    public async Task A_reviewer_records_the_risk_level_and_the_general_or_special_flag_and_reads_them_in_the_dossier_and_the_report()
    {
        await using var upstream = await StubUpstream.StartAsync("layanan");
        await using var gateway = await TestGateway.StartAsync();
        var id = await gateway.PublishApiAsync("dpmptsp", "perizinan", "v1", [upstream.BaseUrl + "/api"], openApi: SampleApis.Perizinan, classification: "Exempt");
        await ForgetPseNumberAsync(gateway, id);

        var before = await DossierAsync(gateway, id);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("riskLevel").ValueKind);
        Assert.Equal(["riskLevel", "applicationKind", "pseRegistrationNumber"], before.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("dpmptsp", before.GetProperty("opdCode").GetString());
        Assert.True(before.GetProperty("certificateBoundTokens").GetBoolean(), "An Exempt API's dossier must say its tokens are certificate-bound.");
        var operations = before.GetProperty("operations").GetArrayLength();
        Assert.True(operations > 0, "The dossier lists no operation of the API's document.");
        Assert.InRange(before.GetProperty("operationsWithSchemas").GetInt32(), 1, operations);

        // An assessment is recorded whole: a level without the flag is refused, naming the field.
        var half = await gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{id}/risk", new { riskLevel = "High" });
        Assert.Equal(HttpStatusCode.BadRequest, half.StatusCode);
        Assert.Contains("applicationKind", await half.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Null, (await DossierAsync(gateway, id)).GetProperty("riskLevel").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{Guid.NewGuid()}/risk", new { riskLevel = "High", applicationKind = "Special" })).StatusCode);

        var recorded = await gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{id}/risk", new { riskLevel = "High", applicationKind = "Special" });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var after = await DossierAsync(gateway, id);
        Assert.Equal("High", after.GetProperty("riskLevel").GetString());
        Assert.Equal("Special", after.GetProperty("applicationKind").GetString());
        Assert.Equal(["pseRegistrationNumber"], after.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));

        var report = JsonDocument.Parse(await gateway.Admin.GetStringAsync("/admin/v1/compliance")).RootElement;
        var entry = report.GetProperty("apis").EnumerateArray().Single(a => a.GetProperty("path").GetString() == "dpmptsp/perizinan/v1");
        Assert.Equal("High", entry.GetProperty("riskLevel").GetString());
        Assert.Equal("Special", entry.GetProperty("applicationKind").GetString());
        Assert.Equal(operations, entry.GetProperty("operations").GetInt32());
    }

    [Fact]
    public async Task An_api_in_service_without_a_pse_number_or_risk_level_makes_the_dossier_duties_partial_naming_it()
    {
        await using var upstream = await StubUpstream.StartAsync("layanan");
        await using var gateway = await TestGateway.StartAsync();
        var empty = JsonDocument.Parse(await gateway.Admin.GetStringAsync("/admin/v1/compliance")).RootElement;
        Assert.Equal("partial", Duty(empty, "REG-07").GetProperty("status").GetString());
        Assert.DoesNotContain("lack dossier fields", Duty(empty, "REG-07").GetProperty("reason").GetString());

        var id = await gateway.PublishApiAsync("dinkes", "rujukan", "v1", [upstream.BaseUrl]);
        await ForgetPseNumberAsync(gateway, id);
        var lacking = JsonDocument.Parse(await gateway.Admin.GetStringAsync("/admin/v1/compliance")).RootElement;
        foreach (var duty in new[] { "REG-04", "REG-07", "REG-10" })
        {
            var found = Duty(lacking, duty);
            Assert.Equal("not_met", found.GetProperty("status").GetString());
            Assert.Contains("1 of 1 APIs in service lack dossier fields: dinkes/rujukan/v1 (riskLevel, applicationKind, pseRegistrationNumber)", found.GetProperty("reason").GetString());
            Assert.Contains("dinkes/rujukan/v1", found.GetProperty("reasonId").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.PutAsJsonAsync($"/admin/v1/apis/{id}/risk", new { riskLevel = "Low", applicationKind = "General" })).StatusCode);
        var assessed = Duty(JsonDocument.Parse(await gateway.Admin.GetStringAsync("/admin/v1/compliance")).RootElement, "REG-07");
        Assert.Contains("dinkes/rujukan/v1 (pseRegistrationNumber)", assessed.GetProperty("reason").GetString());
    }

    /// <summary>
    /// As an API published before the registration profile was required at submission (a store migrated from an
    /// earlier release): in service with no PSE registration number, which the dossier and the duties must name.
    /// </summary>
    private static async Task ForgetPseNumberAsync(TestGateway gateway, Guid id)
    {
        var contexts = gateway.Services.GetRequiredService<IDbContextFactory<RegistryDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var profile = await db.ApiProfiles.SingleAsync(p => p.ApiId == id);
        profile.PseRegistrationNumber = "";
        await db.SaveChangesAsync();
    }

    private static async Task<JsonElement> DossierAsync(TestGateway gateway, Guid id)
    {
        var response = await gateway.Admin.GetAsync($"/admin/v1/apis/{id}/dossier");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static JsonElement Duty(JsonElement report, string id) =>
        report.GetProperty("duties").EnumerateArray().Single(d => d.GetProperty("id").GetString() == id);
}
