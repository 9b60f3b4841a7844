using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.Approvals;

/// <summary>
/// The approval profiles of the five regulations (regulations-en.md, section 16 item 2) walk their own stages to
/// publication: one combined local decision (Batu Bara, Bogor), two local decisions (Kota Bekasi), two external decisions
/// recorded with their letters (Kabupaten Bekasi, Timor Tengah Selatan); who decides subscriptions differs too.
/// </summary>
public sealed class ProfileTests
{
    [Theory]
    [InlineData("batu-bara", 1, false)]
    [InlineData("bogor", 1, false)]
    [InlineData("kota-bekasi", 2, false)]
    [InlineData("kabupaten-bekasi", 2, true)]
    [InlineData("timor-tengah-selatan", 2, true)]
    public async Task Each_profile_walks_its_own_stages_to_publication(string profileName, int stages, bool external)
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Portal:ApprovalProfile"] = profileName });
        var profile = await gateway.Admin.GetFromJsonAsync<JsonElement>("/admin/v1/approval-profile");
        Assert.Equal(profileName, profile.GetProperty("name").GetString());
        Assert.Equal(stages, profile.GetProperty("stages").GetArrayLength());

        var id = await ApprovalTestApis.RegisterDraftAsync(gateway, upstream.BaseUrl);
        await gateway.MoveApiAsync(id, "Submitted");
        var workflow = gateway.Approvals.Workflow;
        var request = (await workflow.FindPendingAsync(id, CancellationToken.None))!;
        foreach (var stage in workflow.ProfileOf(request).Stages)
        {
            Assert.Equal(external, stage.IsExternal);
            var reviewer = TestApprovals.ReviewerFor(stage);
            if (external)
            {
                // An external authority's decision is not recorded without its letter.
                var refused = await Assert.ThrowsAsync<RegistryValidationException>(() => workflow.DecideAsync(reviewer, request.Id, new ApprovalDecisionInput(true), CancellationToken.None));
                Assert.Contains("letter", refused.Errors.Keys);
            }
            var published = await gateway.Client.GetAsync(ApprovalTestApis.Path);
            Assert.Equal(HttpStatusCode.NotFound, published.StatusCode);
            await workflow.DecideAsync(reviewer, request.Id, new ApprovalDecisionInput(true, Letter: external ? TestApprovals.LetterFor(stage) : null), CancellationToken.None);
        }
        await gateway.MoveApiAsync(id, "Published");
        await gateway.WaitForRoutesAsync();
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(ApprovalTestApis.Path)).StatusCode);
    }

    [Fact]
    public async Task An_external_decision_keeps_its_letter_number_date_issuer_and_document_digest_with_the_actor_in_the_audit_log()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Portal:ApprovalProfile"] = "kabupaten-bekasi" });
        var id = await ApprovalTestApis.RegisterDraftAsync(gateway, "http://127.0.0.1:9");
        await gateway.MoveApiAsync(id, "Submitted");
        var workflow = gateway.Approvals.Workflow;
        var request = (await workflow.FindPendingAsync(id, CancellationToken.None))!;
        var stage = workflow.ProfileOf(request).Stages[0];
        Assert.Equal(BuiltInApprovalProfiles.Kominfo, stage.ExternalAuthority);
        var document = System.Text.Encoding.UTF8.GetBytes("%PDF-1.4 Surat Kementerian Kominfo nomor B-123");
        var letter = new ExternalDecisionLetter("B-123/KOMINFO/2026", new DateOnly(2026, 11, 30), "Direktorat Jenderal Aplikasi Informatika", "surat.pdf", "application/pdf", document);
        await workflow.DecideAsync(TestApprovals.ReviewerFor(stage), request.Id, new ApprovalDecisionInput(true, "Surat pertimbangan kelaikan operasi diterima.", Letter: letter), CancellationToken.None);

        var digest = Convert.ToHexStringLower(SHA256.HashData(document));
        var record = await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/approval-requests/{request.Id}");
        Assert.Equal("keamanan", record.GetProperty("stageKey").GetString());
        Assert.Contains(BuiltInApprovalProfiles.Bssn, record.GetProperty("expectedActor").GetString());
        var decision = record.GetProperty("decisions").EnumerateArray().Single(d => d.GetProperty("action").GetString() == "approved");
        Assert.Equal("B-123/KOMINFO/2026", decision.GetProperty("letterNumber").GetString());
        Assert.Equal("2026-11-30", decision.GetProperty("letterDate").GetString());
        Assert.Equal(digest, decision.GetProperty("letterSha256").GetString());
        var download = await gateway.Admin.GetAsync($"/admin/v1/approval-requests/{request.Id}/decisions/{decision.GetProperty("id").GetGuid()}/letter");
        Assert.Equal(document, await download.Content.ReadAsByteArrayAsync());

        var audit = new AuditLogReader(gateway.DataDirectory);
        await TestGateway.EventuallyAsync(() => Task.FromResult(audit.All().Any(r => r.Text.Contains(digest, StringComparison.Ordinal))), TimeSpan.FromSeconds(5), "the letter's digest is in the audit log");
        var row = audit.All().Single(r => r.Text.Contains(digest, StringComparison.Ordinal));
        Assert.Contains("uji-peninjau-operasional", row.Text);
        Assert.Contains("B-123/KOMINFO/2026", row.Text);
    }

    [Fact]
    public async Task Subscriptions_are_decided_by_the_data_owner_in_batu_bara_and_by_the_publisher_in_kota_bekasi_never_by_who_asked()
    {
        foreach (var (profile, decider, other) in new[] { ("batu-bara", PortalRole.DataOwner, PortalRole.ApiPublisher), ("kota-bekasi", PortalRole.ApiPublisher, PortalRole.DataOwner) })
        {
            await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Portal:ApprovalProfile"] = profile });
            var api = await gateway.PublishApiAsync("disdukcapil", "kependudukan", "v1", ["http://127.0.0.1:9"]);
            var client = await gateway.CreateClientAsync("dinkes");
            var id = await gateway.SubscribeAsync(client.ClientId, api, approve: false);
            var workflow = gateway.Approvals.Workflow;
            await Assert.ThrowsAsync<ApprovalRefusedException>(() => workflow.DecideSubscriptionAsync(TestApprovals.Person("lain", other, "disdukcapil"), id, true, null, CancellationToken.None));
            await Assert.ThrowsAsync<ApprovalRefusedException>(() => workflow.DecideSubscriptionAsync(TestApprovals.Person("opd-lain", decider, "dinkes"), id, true, null, CancellationToken.None));
            // The administrator asked for it through the admin API: deciding as the administrator (no decider) is refused too.
            Assert.Equal(HttpStatusCode.Forbidden, (await gateway.Admin.PostAsJsonAsync($"/admin/v1/subscriptions/{id}/status", new { status = "Approved" })).StatusCode);
            await workflow.DecideSubscriptionAsync(TestApprovals.Person("pemutus", decider, "disdukcapil"), id, true, null, CancellationToken.None);
            Assert.Equal("Approved", (await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/subscriptions/{id}")).GetProperty("status").GetString());
            // The decision is recorded with the purpose and the scopes asked for, who decides under the profile and who did.
            var recorded = await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/subscriptions/{id}/request");
            Assert.False(string.IsNullOrWhiteSpace(recorded.GetProperty("purpose").GetString()));
            Assert.Equal(decider.ToString(), recorded.GetProperty("decider").GetString());
            Assert.Equal("pemutus", recorded.GetProperty("decidedBy").GetString());
            // Who decided is kept by actor id too, as the audit log names them; the name is what pages show.
            Assert.Equal("person:pemutus", recorded.GetProperty("decidedById").GetString());
            Assert.Equal(JsonValueKind.Array, recorded.GetProperty("scopes").ValueKind);
        }
    }

    [Fact]
    public async Task The_requester_of_a_subscription_cannot_decide_it_even_as_the_decider()
    {
        await using var gateway = await TestGateway.StartAsync();
        var api = await gateway.PublishApiAsync("disdukcapil", "kependudukan", "v1", ["http://127.0.0.1:9"]);
        var client = await gateway.CreateClientAsync("disdukcapil");
        var workflow = gateway.Approvals.Workflow;
        var both = TestApprovals.Person("penerbit-dan-pengembang", PortalRole.ApiPublisher, "disdukcapil");
        var subscription = await workflow.RequestSubscriptionAsync(both, new SubscriptionInput(client.ClientId, api, Purpose: "Uji internal"), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<ApprovalRefusedException>(() => workflow.DecideSubscriptionAsync(both, subscription.Id, true, null, CancellationToken.None));
        Assert.Equal("four-eyes", refused.Rule);
    }

    [Theory]
    [InlineData("Portal:ApprovalProfile", "kota-antah", "Portal:ApprovalProfile")]
    [InlineData("Portal:ApprovalStages", "1", "Portal:ApprovalProfile")]
    public async Task A_profile_that_names_nothing_or_the_old_setting_stops_the_start_naming_the_fix(string setting, string value, string named)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => TestGateway.StartAsync(new Dictionary<string, string?> { [setting] = value }));
        Assert.Contains(named, failure.Message);
    }
}
