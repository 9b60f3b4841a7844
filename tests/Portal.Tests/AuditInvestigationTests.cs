using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// The audit list as an investigator uses it (issue 19 item 5; Pasal 59 ayat (9) huruf d-e: who, what, when, with
/// which result, found again): newest first, one line per call with caller, API, operation, status and time (a
/// forwarded call is two records in the log); a record's page says what it holds in words above its JSON; SLA alerts
/// are not listed as attacks, and every alert links to its evidence; times do not wrap and request ids are not cut.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed partial class AuditInvestigationTests(PortalBrowser browser)
{
    [Fact]
    public async Task A_call_is_one_line_with_caller_API_operation_and_status_and_its_record_reads_in_words_above_its_JSON()
    {
        await using var upstream = await StubUpstream.StartAsync("penduduk");
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("auditor", PortalRole.SecurityAuditor);
        var api = await site.Gateway.PublishApiAsync("disdukcapil", "kependudukan", "v1", [upstream.BaseUrl]);
        var caller = await site.Gateway.CreateCallerAsync(api, opd: "dinkes");
        var answer = await caller.GetAsync("/disdukcapil/kependudukan/v1/wilayah?kode=3275");
        Assert.True(answer.IsSuccessStatusCode, $"the call went through ({answer.StatusCode})");
        var requestId = answer.Headers.GetValues("X-Request-Id").First();

        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "auditor");
        await page.GotoAsync("/portal/keamanan");

        // One line for the call (its request and response records together), with who, what and the result.
        var calls = page.Locator("table.audit tbody tr").Filter(new() { HasText = requestId });
        Assert.Equal(1, await calls.CountAsync());
        var line = calls.First;
        string Cell(string label) => $"td[data-label='{label}']";
        Assert.Contains("dinkes", await line.Locator(Cell("Pemanggil")).InnerTextAsync());
        Assert.Equal("disdukcapil/kependudukan/v1", await line.Locator(Cell("API")).InnerTextAsync());
        Assert.StartsWith("GET /disdukcapil/kependudukan/v1/wilayah", await line.Locator(Cell("Operasi")).InnerTextAsync());
        Assert.Equal("200", (await line.Locator(Cell("Status HTTP")).InnerTextAsync()).Trim());
        Assert.Matches(TableTime(), await line.Locator(Cell("Waktu")).InnerTextAsync());

        // The time is on one line and the request id is shown whole, not cut by its cell.
        // (the text's own height, not the cell's: the row is as tall as its tallest cell)
        var lines = await line.Locator(Cell("Waktu")).EvaluateAsync<double>(
            "e => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight); }");
        Assert.True(lines < 1.5, $"the time is written over {lines:0.#} lines");
        var id = line.Locator(Cell("ID permintaan") + " code");
        Assert.Equal(requestId, await id.InnerTextAsync());
        Assert.True(await id.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth + 1"), "the request id is not cut off");

        // An event without an HTTP status (the auditor's sign-in) says its outcome in Indonesian, marked as a success.
        var login = page.Locator("table.audit tbody tr").Filter(new() { HasText = "login" }).First;
        var outcome = login.Locator(Cell("Status HTTP") + " span").First;
        Assert.Equal("berhasil", await outcome.InnerTextAsync());
        Assert.Equal("status-ok", await outcome.GetAttributeAsync("class"));

        // Newest first: the auditor's own sign-in and reads come after the call, so they are above it.
        var seqs = (await page.Locator("table.audit tbody tr td[data-label='Catatan'] a").AllInnerTextsAsync()).Select(s => long.Parse(s.TrimStart('#'))).ToList();
        Assert.Equal(seqs.OrderByDescending(s => s), seqs);
        await PageChecks.CheckAsync(page, "keamanan-daftar");

        // The record page: in words first (time in WIB, caller, API, operation, status, each policy's decision), then the JSON.
        await line.Locator(Cell("Catatan") + " a").ClickAsync();
        var summary = page.Locator("#record-summary");
        var words = await summary.InnerTextAsync();
        Assert.Contains("WIB", words);
        Assert.Contains("disdukcapil/kependudukan/v1", words);
        Assert.Contains("GET /disdukcapil/kependudukan/v1/wilayah", words);
        Assert.Contains(requestId, words);
        Assert.True(await page.Locator("h2").Filter(new() { HasText = "Ringkasan catatan" }).CountAsync() == 1);
        var summaryTop = (await summary.BoundingBoxAsync())!.Y;
        var jsonTop = (await page.Locator("pre").BoundingBoxAsync())!.Y;
        Assert.True(summaryTop < jsonTop, "the words come before the JSON");
        Assert.Contains("Keputusan kebijakan", await page.Locator("main").InnerTextAsync());
        // The response record links to its request record, which links back.
        await page.GetByRole(AriaRole.Link, new() { NameRegex = RequestRecord() }).ClickAsync();
        Assert.Contains("exchange.request", await page.Locator("#record-summary").InnerTextAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { NameRegex = ResponseRecord() }).CountAsync());
        // The JSON box can be reached and scrolled with the keyboard.
        Assert.Equal("0", await page.Locator("pre").GetAttributeAsync("tabindex"));
        await PageChecks.CheckAsync(page, "keamanan-catatan-ringkasan");
    }

    [Fact]
    public async Task An_SLA_alert_is_listed_apart_from_the_attack_alerts_in_Indonesian_and_links_to_its_calls()
    {
        await using var upstream = await StubUpstream.StartAsync("faskes");
        upstream.Handler = context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        };
        await using var site = await PortalSite.StartAsync(new Dictionary<string, string?>
        {
            ["Sla:MinimumRequestsForAlert"] = "3",
            ["Sla:EvaluationInterval"] = "00:00:00.200",
        });
        await site.CreateAccountAsync("auditor", PortalRole.SecurityAuditor);
        await site.Gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        for (var i = 0; i < 4; i++)
            await site.Gateway.Client.GetAsync("/dinkes/faskes/v1/daftar");

        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "auditor");
        await TestGateway.EventuallyAsync(async () =>
        {
            await page.GotoAsync("/portal/keamanan");
            return await page.Locator("#alerts-sla tbody tr").CountAsync() > 0;
        }, TimeSpan.FromSeconds(15), "the SLA alert is listed under the service-level alerts");

        Assert.Equal(0, await page.Locator("#alerts-attack").CountAsync());
        var alert = page.Locator("#alerts-sla tbody tr").First;
        var text = await alert.InnerTextAsync();
        Assert.Contains("Ketersediaan di bawah batas minimum SLA", text);
        Assert.Contains("API dinkes/faskes/v1 milik dinkes menjawab baik 0% permintaan selama 1 hari terakhir", text);
        Assert.DoesNotContain("sla-below-floor", text);
        Assert.DoesNotContain("answered", text);
        await PageChecks.CheckAsync(page, "keamanan-peringatan-sla");

        // Its evidence: the calls to that API over the alert's window, the failed ones among them.
        await alert.GetByRole(AriaRole.Link, new() { Name = "Panggilan dalam log audit" }).ClickAsync();
        Assert.Contains("api=dinkes%2Ffaskes%2Fv1", page.Url);
        var statuses = await page.Locator("table.audit tbody tr td[data-label='Status HTTP']").AllInnerTextsAsync();
        Assert.True(statuses.Count(s => s.Contains("500")) >= 4, $"the failed calls are listed: {string.Join(", ", statuses)}");
        Assert.All(await page.Locator("table.audit tbody tr td[data-label='API']").AllInnerTextsAsync(), a => Assert.Equal("dinkes/faskes/v1", a));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} WIB$")]
    private static partial Regex TableTime();

    [GeneratedRegex(@"^Catatan permintaan #\d+$")]
    private static partial Regex RequestRecord();

    [GeneratedRegex(@"^Catatan jawaban #\d+$")]
    private static partial Regex ResponseRecord();
}
