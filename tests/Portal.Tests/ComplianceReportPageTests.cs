using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SpbeConnector.Registry.Compliance;
using SpbeConnector.Registry.Domain;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// The compliance report in the portal (Pasal 59 ayat (2) huruf a) for those who grant kelaikan keamanan: a security
/// reviewer reaches it from the menu and sees the summary and every item in Bahasa Indonesia, English on request; it
/// prints on A4 and fits a phone; an application developer neither sees the link nor opens the page (Pasal 59 ayat (6)
/// huruf a). Screenshots and the A4 PDF are kept as test artifacts.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed class ComplianceReportPageTests(PortalBrowser browser)
{
    [Fact]
    public async Task A_security_reviewer_reads_the_report_in_indonesian_prints_it_on_a4_and_a_developer_is_refused()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("keamanan", PortalRole.SecurityReviewer);
        await site.CreateAccountAsync("pengembang", PortalRole.ApplicationDeveloper, "dinkes");
        var expected = await site.Gateway.Admin.GetStringAsync("/admin/v1/compliance");

        await using (var context = await browser.NewContextAsync(site.BaseUrl))
        {
            var page = await context.NewPageAsync();
            await PortalSite.SignInAsync(page, "keamanan");
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu utama" }).GetByRole(AriaRole.Link, new() { Name = "Kepatuhan" }).ClickAsync();
            Assert.EndsWith("/portal/kepatuhan", page.Url);
            Assert.Equal("Kepatuhan keamanan (Pasal 59 dan 60)", await page.Locator("h1").TextContentAsync());
            var total = ComplianceMapping.Current.Items.Count;
            Assert.Matches($"^{total} butir: \\d+ terpenuhi, \\d+ sebagian, \\d+ belum terpenuhi, \\d+ tidak berlaku\\.$",
                (await page.Locator("#compliance-summary").TextContentAsync())!.Trim());
            Assert.Equal(total, await page.Locator("#compliance-items tbody tr").CountAsync());
            // Only the report itself is signed, with a key an operator may certify: partly met, said in the reviewer's language.
            var signature = page.Locator("#item-60-2-a");
            Assert.Equal("Sebagian", await signature.Locator("td.status").TextContentAsync());
            Assert.Contains("Menerapkan sistem tanda tangan elektronik tersertifikasi", await signature.TextContentAsync());
            Assert.Contains("Laporan kepatuhan ditandatangani dengan kunci checkpoint audit", await signature.TextContentAsync());
            Assert.Equal(1, await page.Locator("#compliance-open #open-60-2-a").CountAsync());
            // An item not met at all: listed among the open ones, with its reason in Bahasa Indonesia.
            Assert.Equal("Belum terpenuhi", await page.Locator("#compliance-open #open-59-10-f td.status").TextContentAsync());
            Assert.Contains("Tidak ada fungsi untuk mengekspor atau menghapus data", await page.Locator("#item-59-10-f").TextContentAsync());
            // The build: its commit and the SBOM's digest, the same the JSON report names.
            using (var served = System.Text.Json.JsonDocument.Parse(expected))
            {
                var build = served.RootElement.GetProperty("build");
                var line = (await page.Locator("#compliance-build").TextContentAsync())!;
                Assert.Matches("^Dibangun dari commit [0-9a-f]{40}; ", line);
                Assert.Contains(build.GetProperty("commit").GetString()!, line);
                Assert.Contains(build.TryGetProperty("sbomSha256", out var sbom) ? $"SHA-256 {sbom.GetString()}" : "tidak ada SBOM terpasang", line);
            }
            // The duties of the other regulations and the APIs' dossiers follow the items.
            Assert.Equal(ComplianceMapping.Current.Duties.Count, await page.Locator("#compliance-duties tbody tr").CountAsync());
            Assert.Matches($"^{ComplianceMapping.Current.Duties.Count} kewajiban: \\d+ terpenuhi, \\d+ sebagian, \\d+ belum terpenuhi, \\d+ tidak berlaku\\.$",
                (await page.Locator("#compliance-duties-summary").TextContentAsync())!.Trim());
            Assert.Contains("Tidak berlaku", await page.Locator("#duty-OPS-13 td.status").TextContentAsync());
            Assert.Equal(1, await page.Locator("#compliance-apis").CountAsync());
            // The test gateway runs without the demo: no sample features (Pasal 59 ayat (16) huruf c).
            Assert.Equal("Terpenuhi", await page.Locator("#item-59-16-c td.status").TextContentAsync());
            Assert.Contains("\"items\"", expected);
            await PageChecks.CheckAsync(page, "kepatuhan");

            // Printed on A4: the menu and header are left out, the table stays.
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            Assert.False(await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu utama" }).IsVisibleAsync());
            Assert.True(await page.Locator("#compliance-items").IsVisibleAsync());
            Directory.CreateDirectory(PageChecks.ArtifactsDirectory);
            var pdf = await page.PdfAsync(new() { Format = "A4", Path = Path.Combine(PageChecks.ArtifactsDirectory, "kepatuhan-a4.pdf") });
            Assert.True(pdf.Length > 10_000, "the A4 print of the report is almost empty");
            await page.ScreenshotAsync(new() { Path = Path.Combine(PageChecks.ArtifactsDirectory, "kepatuhan-print.png"), FullPage = true });
            await page.EmulateMediaAsync(new() { Media = Media.Screen });

            // The report as JSON, the admin API's.
            var json = await context.APIRequest.GetAsync("/portal/kepatuhan.json");
            Assert.Equal(200, json.Status);
            Assert.StartsWith("application/json", json.Headers["content-type"]);

            // English on request: the status names and the item texts follow the language (from a fresh page, whose
            // form tokens are those of the session's current cookies).
            await page.GotoAsync("/portal/kepatuhan");
            await page.GetByLabel("Bahasa").SelectOptionAsync("en");
            await page.GetByRole(AriaRole.Button, new() { Name = "Ganti" }).ClickAsync();
            await page.Locator("html[lang=en]").WaitForAsync();
            await page.GotoAsync("/portal/kepatuhan");
            Assert.Equal("Security compliance (Pasal 59 and 60)", await page.Locator("h1").TextContentAsync());
            Assert.Equal("Partial", await page.Locator("#item-60-2-a td.status").TextContentAsync());
            Assert.Contains("The compliance report is signed with the audit checkpoint key", await page.Locator("#item-60-2-a").TextContentAsync());
            Assert.Matches("^Built from commit [0-9a-f]{40}; ", (await page.Locator("#compliance-build").TextContentAsync())!);
            Assert.Contains("Apply a certified electronic-signature system", await page.Locator("#item-60-2-a").TextContentAsync());
            await PageChecks.CheckAsync(page, "kepatuhan-en");
        }

        // The printable report (compliance report --format html) as Chromium prints it on A4: Bahasa Indonesia with the
        // English beside it, the build, the duties and the APIs.
        await using (var context = await browser.NewContextAsync(site.BaseUrl))
        {
            var report = await site.Gateway.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync(CancellationToken.None);
            var page = await context.NewPageAsync();
            await page.SetContentAsync(SpbeConnector.Portal.Compliance.ComplianceReportHtml.Write(report));
            Assert.Matches("^Dibangun dari commit [0-9a-f]{40}; ", (await page.Locator("#build").TextContentAsync())!);
            Assert.Equal(report.Items.Count, await page.Locator("#compliance-items tbody tr").CountAsync());
            Assert.Contains("Tidak ada fungsi untuk mengekspor", await page.Locator("#item-59-10-f").TextContentAsync());
            Assert.Contains("There is no function to export", await page.Locator("#item-59-10-f").TextContentAsync());
            Assert.Equal(report.Duties.Count, await page.Locator("#compliance-duties tbody tr").CountAsync());
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            var pdf = await page.PdfAsync(new() { Format = "A4", Path = Path.Combine(PageChecks.ArtifactsDirectory, "kepatuhan-laporan-a4.pdf") });
            Assert.True(pdf.Length > 10_000, "the A4 print of the HTML report is almost empty");
            await page.ScreenshotAsync(new() { Path = Path.Combine(PageChecks.ArtifactsDirectory, "kepatuhan-laporan.png"), FullPage = true });
        }

        await using (var phone = await browser.NewContextAsync(site.BaseUrl, phone: true))
        {
            var page = await phone.NewPageAsync();
            await PortalSite.SignInAsync(page, "keamanan");
            await page.GotoAsync("/portal/kepatuhan");
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth") <= 0,
                "the compliance page is wider than a phone's screen");
            await PageChecks.CheckAsync(page, "kepatuhan-phone");
        }

        await using (var context = await browser.NewContextAsync(site.BaseUrl))
        {
            var page = await context.NewPageAsync();
            await PortalSite.SignInAsync(page, "pengembang");
            Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Kepatuhan" }).CountAsync());
            Assert.Equal(403, (await page.GotoAsync("/portal/kepatuhan"))!.Status);
            Assert.Equal(403, (await context.APIRequest.GetAsync("/portal/kepatuhan.json")).Status);
        }
    }
}
