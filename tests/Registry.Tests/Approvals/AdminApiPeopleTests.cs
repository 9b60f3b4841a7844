using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.Approvals;

/// <summary>
/// The approval workflow through the admin API, acted by real people of the portal (GOV-01; Kota Bekasi Pasal 22 ayat
/// (3) huruf c-d): each signed in through the portal's form, reviewers with an authenticator code (Pasal 59 ayat (6)
/// huruf c), every change sent with the session's anti-forgery token. The publisher of the OPD registers and submits,
/// the reviewers named by the approval profile decide, and every record names the person as the admin API's own audit
/// record does (<c>person:&lt;username&gt;</c>).
/// </summary>
public sealed class AdminApiPeopleTests
{
    private static readonly string[] Profiles = ["batu-bara", "bogor", "kota-bekasi", "kabupaten-bekasi", "timor-tengah-selatan"];

    private static Task<TestGateway> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? []) { ["Portal:PasswordHashIterations"] = "10000" };
        return TestGateway.StartAsync(all);
    }

    /// <summary>The people of one region: the health office's publisher and the two reviewers.</summary>
    private sealed record People(PortalPerson Publisher, PortalPerson Operations, PortalPerson Security) : IDisposable
    {
        public static async Task<People> CreateAsync(TestGateway gateway) => new(
            await PortalPerson.CreateAsync(gateway, "penerbit-dinkes", PortalRole.ApiPublisher, "dinkes", secondFactor: false),
            await PortalPerson.CreateAsync(gateway, "peninjau-operasi", PortalRole.OperationalReviewer),
            await PortalPerson.CreateAsync(gateway, "peninjau-keamanan", PortalRole.SecurityReviewer));

        /// <summary>The reviewer for a stage: the operational reviewer where the stage's roles allow, else the security reviewer; never the one who decided before.</summary>
        public PortalPerson ReviewerFor(JsonElement stage, PortalPerson? decidedBefore)
        {
            var roles = stage.GetProperty("decidedBy").EnumerateArray().Select(r => r.GetString()).ToList();
            return roles.Contains(nameof(PortalRole.OperationalReviewer)) && decidedBefore != Operations ? Operations : Security;
        }

        public void Dispose()
        {
            Publisher.Dispose();
            Operations.Dispose();
            Security.Dispose();
        }
    }

    private static object Profile(string pse) => new { ownerContact = "Seksi Data, dinkes@bekasikota.go.id", pseRegistrationNumber = pse, slaTargetPercent = 99.5m, plans = new[] { "Bronze" } };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    /// <summary>What an upstream received of the API's calls, in order.</summary>
    private static List<string> Paths(StubUpstream upstream) => upstream.Received.Select(r => r.Path).Where(p => p.StartsWith("/fasilitas", StringComparison.Ordinal)).ToList();

    private static async Task<Guid> PendingRequestAsync(PortalPerson reader, Guid apiId)
    {
        var pending = await reader.Client.GetFromJsonAsync<JsonElement>($"/admin/v1/approval-requests?apiId={apiId}&pending=true");
        return Assert.Single(pending.EnumerateArray()).GetProperty("id").GetGuid();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Each_profile_walks_its_stages_to_publication_through_the_admin_api_decided_by_signed_in_reviewers(int which)
    {
        var profileName = Profiles[which];
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await StartAsync(new() { ["Portal:ApprovalProfile"] = profileName });
        using var people = await People.CreateAsync(gateway);
        var id = await ApprovalTestApis.RegisterDraftAsync(gateway, upstream.BaseUrl);

        // The publisher completes the registration (owner contact, PSE number, SLA, plans) and submits.
        await JsonAsync(await people.Publisher.PutAsJsonAsync($"/admin/v1/apis/{id}/profile", Profile("PSE-001/2026")), HttpStatusCode.OK);
        await JsonAsync(await people.Publisher.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Submitted" }), HttpStatusCode.OK);
        var requestId = await PendingRequestAsync(people.Security, id);
        var stages = (await people.Operations.Client.GetFromJsonAsync<JsonElement>("/admin/v1/approval-profile")).GetProperty("stages").EnumerateArray().ToList();
        PortalPerson? before = null;
        var letters = new List<string>();
        foreach (var stage in stages)
        {
            var reviewer = people.ReviewerFor(stage, before);
            var key = stage.GetProperty("key").GetString()!;
            var external = stage.GetProperty("externalAuthority").ValueKind == JsonValueKind.String;
            if (external)
            {
                // An external authority's decision is not recorded without its letter.
                var refused = await JsonAsync(await reviewer.PostAsJsonAsync($"/admin/v1/approval-requests/{requestId}/decisions", new { approve = true }), HttpStatusCode.BadRequest);
                Assert.True(refused.GetProperty("errors").TryGetProperty("letter", out _));
            }
            await gateway.WaitForRoutesAsync();
            Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync(ApprovalTestApis.Path)).StatusCode);
            var document = System.Text.Encoding.UTF8.GetBytes($"%PDF-1.4 surat keputusan {key} {profileName}");
            object decision = external
                ? new { approve = true, notes = "Surat diterima.", letter = new { number = $"B-{which}{key}/2026", date = "2026-12-01", issuer = stage.GetProperty("externalAuthority").GetString(), fileName = "surat.pdf", contentType = "application/pdf", content = document } }
                : new { approve = true, notes = "Layak." };
            var decided = await JsonAsync(await reviewer.PostAsJsonAsync($"/admin/v1/approval-requests/{requestId}/decisions", decision), HttpStatusCode.OK);
            var recorded = decided.GetProperty("decisions").EnumerateArray().Last(d => d.GetProperty("action").GetString() == "approved");
            Assert.Equal(reviewer.Username, recorded.GetProperty("actor").GetString());
            if (external)
            {
                var digest = Convert.ToHexStringLower(SHA256.HashData(document));
                Assert.Equal(digest, recorded.GetProperty("letterSha256").GetString());
                letters.Add(digest);
            }
            before = reviewer;
        }
        Assert.Equal(0, upstream.Count);

        await JsonAsync(await people.Publisher.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Published" }), HttpStatusCode.OK);
        await gateway.WaitForRoutesAsync();
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(ApprovalTestApis.Path)).StatusCode);

        // The audit log names each reviewer as the admin API's records do, and keeps each letter's SHA-256.
        var audit = new AuditLogReader(gateway.DataDirectory);
        await TestGateway.EventuallyAsync(() => Task.FromResult(audit.All("type = 'approval'").Count(r => r.Json.GetProperty("action").GetString() == "approved") == stages.Count
                && audit.All("type = 'admin'").Count(r => r.Json.GetProperty("action").GetString() == "MoveApi") >= 2),
            TimeSpan.FromSeconds(10), "every stage's decision and the publication are in the audit log");
        var approvals = audit.All("type = 'approval'").Select(r => r.Json).Where(r => r.GetProperty("action").GetString() == "approved").ToList();
        Assert.All(approvals, r => Assert.StartsWith(AdministrativeActor.PersonPrefix + "peninjau-", r.GetProperty("actor").GetString()));
        Assert.Equal(letters, approvals.Select(r => r.GetProperty("details").TryGetProperty("letterSha256", out var d) ? d.GetString() : null).OfType<string>());
        var admin = audit.All("type = 'admin'").Select(r => r.Json).Where(r => r.GetProperty("action").GetString() == "DecideApprovalRequest" && r.GetProperty("outcome").GetString() == "succeeded");
        Assert.Equal(approvals.Select(r => r.GetProperty("actor").GetString()), admin.Select(r => r.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task Publishing_without_the_stages_is_refused_naming_the_missing_decision_and_the_submitter_cannot_approve_their_own_api()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await StartAsync();
        using var people = await People.CreateAsync(gateway);
        var id = await ApprovalTestApis.RegisterDraftAsync(gateway, upstream.BaseUrl);

        var early = await JsonAsync(await people.Publisher.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Published" }), HttpStatusCode.Conflict);
        Assert.Equal("operasional", early.GetProperty("missingDecision").GetString());
        await JsonAsync(await people.Publisher.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Submitted" }), HttpStatusCode.OK);
        var requestId = await PendingRequestAsync(people.Publisher, id);

        // The submitter decides nothing about their own API: not through the decision endpoint, not by publishing.
        var self = await people.Publisher.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Published" });
        Assert.Equal("application/problem+json", self.Content.Headers.ContentType?.MediaType);
        Assert.Equal("operasional", (await JsonAsync(self, HttpStatusCode.Conflict)).GetProperty("missingDecision").GetString());
        var selfApproval = await people.Publisher.PostAsJsonAsync($"/admin/v1/approval-requests/{requestId}/decisions", new { approve = true });
        Assert.Equal("application/problem+json", selfApproval.Content.Headers.ContentType?.MediaType);
        await JsonAsync(selfApproval, HttpStatusCode.Forbidden);

        // After the operational decision, the security decision is still missing, and named.
        await JsonAsync(await people.Operations.PostAsJsonAsync($"/admin/v1/approval-requests/{requestId}/decisions", new { approve = true }), HttpStatusCode.OK);
        var half = await JsonAsync(await people.Publisher.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Published" }), HttpStatusCode.Conflict);
        Assert.Equal("keamanan", half.GetProperty("missingDecision").GetString());
        Assert.Contains("Kepala Bidang Persandian", half.GetProperty("detail").GetString());
        // A decision riding on the session cookie alone (a cross-site request) is refused before the workflow sees it.
        Assert.Equal(HttpStatusCode.Forbidden, (await people.Security.Client.PostAsJsonAsync($"/admin/v1/approval-requests/{requestId}/decisions", new { approve = true })).StatusCode);

        await gateway.WaitForRoutesAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync(ApprovalTestApis.Path)).StatusCode);
        Assert.Equal(0, upstream.Count);
    }

    [Fact]
    public async Task A_reviewer_who_decided_one_stage_cannot_decide_the_next_of_the_same_request()
    {
        // A custom profile whose two stages are both the operational reviewers' (four eyes within the stages).
        await using var gateway = await StartAsync(new()
        {
            ["Portal:ApprovalProfile"] = "dua-tahap",
            ["Portal:CustomApprovalProfiles:dua-tahap:Title"] = "Uji dua tahap",
            ["Portal:CustomApprovalProfiles:dua-tahap:Stages:0:Key"] = "pertama",
            ["Portal:CustomApprovalProfiles:dua-tahap:Stages:0:Name"] = "Pertimbangan pertama",
            ["Portal:CustomApprovalProfiles:dua-tahap:Stages:0:Kind"] = "Operational",
            ["Portal:CustomApprovalProfiles:dua-tahap:Stages:0:DecidedBy:0"] = "OperationalReviewer",
            ["Portal:CustomApprovalProfiles:dua-tahap:Stages:1:Key"] = "kedua",
            ["Portal:CustomApprovalProfiles:dua-tahap:Stages:1:Name"] = "Pertimbangan kedua",
            ["Portal:CustomApprovalProfiles:dua-tahap:Stages:1:Kind"] = "Operational",
            ["Portal:CustomApprovalProfiles:dua-tahap:Stages:1:DecidedBy:0"] = "OperationalReviewer",
        });
        using var people = await People.CreateAsync(gateway);
        using var another = await PortalPerson.CreateAsync(gateway, "peninjau-operasi-2", PortalRole.OperationalReviewer);
        var id = await ApprovalTestApis.RegisterDraftAsync(gateway, "http://127.0.0.1:9");
        await JsonAsync(await people.Publisher.PostAsJsonAsync($"/admin/v1/apis/{id}/status", new { status = "Submitted" }), HttpStatusCode.OK);
        var requestId = await PendingRequestAsync(people.Operations, id);

        await JsonAsync(await people.Operations.PostAsJsonAsync($"/admin/v1/approval-requests/{requestId}/decisions", new { approve = true }), HttpStatusCode.OK);
        var twice = await JsonAsync(await people.Operations.PostAsJsonAsync($"/admin/v1/approval-requests/{requestId}/decisions", new { approve = true }), HttpStatusCode.Forbidden);
        Assert.Equal("four-eyes", twice.GetProperty("rule").GetString());
        var approved = await JsonAsync(await another.PostAsJsonAsync($"/admin/v1/approval-requests/{requestId}/decisions", new { approve = true }), HttpStatusCode.OK);
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_security_relevant_change_to_a_live_api_is_not_in_force_until_the_reviewers_approve_it_while_the_api_answers_on_its_approved_settings()
    {
        await using var approved = await StubUpstream.StartAsync("disetujui");
        await using var proposed = await StubUpstream.StartAsync("diusulkan");
        await using var gateway = await StartAsync();
        using var people = await People.CreateAsync(gateway);
        var id = await ApprovalTestApis.RegisterDraftAsync(gateway, approved.BaseUrl);
        await JsonAsync(await people.Publisher.PutAsJsonAsync($"/admin/v1/apis/{id}/profile", Profile("PSE-001/2026")), HttpStatusCode.OK);
        await gateway.MoveApiAsync(id, "Submitted");
        await gateway.Approvals.ApprovePendingAsync(id);
        await gateway.MoveApiAsync(id, "Published");
        await gateway.WaitForRoutesAsync();
        var versions = gateway.Services.GetRequiredService<IPublishedApiSource>();
        var before = await versions.GetConfigVersionAsync(CancellationToken.None);

        // The publisher moves the API to another upstream: a change request (202), nothing routed changes.
        var change = await JsonAsync(await people.Publisher.PutAsJsonAsync($"/admin/v1/apis/{id}", new
        {
            name = "Fasilitas Kesehatan", upstreamUrls = new[] { proposed.BaseUrl }, allowInsecureUpstream = true, classification = "Public", isPublic = true,
        }), HttpStatusCode.Accepted);
        var requestId = change.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(ApprovalTestApis.Path + "/menunggu")).StatusCode);
        await JsonAsync(await people.Operations.PostAsJsonAsync($"/admin/v1/approval-requests/{requestId}/decisions", new { approve = true }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(ApprovalTestApis.Path + "/setengah")).StatusCode);
        Assert.Equal(before, await versions.GetConfigVersionAsync(CancellationToken.None));
        Assert.Equal(["/fasilitas/menunggu", "/fasilitas/setengah"], Paths(approved));
        Assert.Empty(Paths(proposed));

        await JsonAsync(await people.Security.PostAsJsonAsync($"/admin/v1/approval-requests/{requestId}/decisions", new { approve = true }), HttpStatusCode.OK);
        await gateway.WaitForRoutesAsync();
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(ApprovalTestApis.Path + "/berlaku")).StatusCode);
        Assert.Equal(["/fasilitas/berlaku"], Paths(proposed));
        Assert.Equal(2, Paths(approved).Count);

        // The PSE registration number and the owner contact wait for review too; the API keeps serving meanwhile, and
        // the change reloads no routes (nothing routed changes).
        var routed = await versions.GetConfigVersionAsync(CancellationToken.None);
        var pse = await JsonAsync(await people.Publisher.PutAsJsonAsync($"/admin/v1/apis/{id}/profile", Profile("PSE-999/2026")), HttpStatusCode.Accepted);
        var pseRequest = pse.GetProperty("id").GetGuid();
        Assert.Equal("PSE-001/2026", (await people.Security.Client.GetFromJsonAsync<JsonElement>($"/admin/v1/apis/{id}/profile")).GetProperty("pseRegistrationNumber").GetString());
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(ApprovalTestApis.Path + "/pse")).StatusCode);
        await JsonAsync(await people.Operations.PostAsJsonAsync($"/admin/v1/approval-requests/{pseRequest}/decisions", new { approve = true }), HttpStatusCode.OK);
        Assert.Equal("PSE-001/2026", (await people.Security.Client.GetFromJsonAsync<JsonElement>($"/admin/v1/apis/{id}/profile")).GetProperty("pseRegistrationNumber").GetString());
        await JsonAsync(await people.Security.PostAsJsonAsync($"/admin/v1/approval-requests/{pseRequest}/decisions", new { approve = true }), HttpStatusCode.OK);
        Assert.Equal("PSE-999/2026", (await people.Security.Client.GetFromJsonAsync<JsonElement>($"/admin/v1/apis/{id}/profile")).GetProperty("pseRegistrationNumber").GetString());
        Assert.Equal(routed, await versions.GetConfigVersionAsync(CancellationToken.None));
        Assert.Equal(["/fasilitas/berlaku", "/fasilitas/pse"], Paths(proposed));
    }
}
