using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// The audit list's date filter for investigations (issue 19 item 4; Pasal 59 ayat (9) huruf e: the records an
/// investigator asks for, no more, no fewer): "Dari/Sampai" in the portal's zone (WIB here) as the table shows it,
/// converted to UTC; a time copied from a row finds that row; what cannot be read is refused beside the field instead
/// of being dropped; newest first.
/// </summary>
[Collection(PortalBrowserCollection.Name)]
public sealed partial class AuditTimeFilterTests(PortalBrowser browser)
{
    [Fact]
    public async Task A_WIB_time_copied_from_the_table_finds_its_record_and_an_unreadable_date_is_refused_beside_its_field()
    {
        await using var site = await PortalSite.StartAsync();
        await site.CreateAccountAsync("auditor", PortalRole.SecurityAuditor);
        await using var context = await browser.NewContextAsync(site.BaseUrl);
        var page = await context.NewPageAsync();
        await PortalSite.SignInAsync(page, "auditor");
        await PortalSite.SignInAsync(page, "auditor");
        await page.GotoAsync("/portal/keamanan");

        // Newest first.
        var rows = page.Locator("table.audit tbody tr");
        var count = await rows.CountAsync();
        Assert.True(count >= 3, "the logins and the reads are in the log");
        var first = await SeqOfAsync(rows.First);
        var last = await SeqOfAsync(rows.Nth(count - 1));
        Assert.True(first > last, $"newest first: #{first} before #{last}");

        // The time of an older row, as the table shows it (WIB), typed into the pickers as start and end.
        var row = rows.Nth(count - 1);
        var seq = (await SeqOfAsync(row)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var shown = await row.Locator("td[data-label='Waktu']").InnerTextAsync();
        Assert.Matches(TableTime(), shown);
        var local = shown.Replace(" WIB", "").Replace(' ', 'T');
        // Chromium holds a datetime-local whose seconds are zero without them ("...T01:48"), and Playwright refuses to
        // type a value the control would not keep; "Sampai" then means the whole minute, which the check below allows.
        var exactSecond = !local.EndsWith(":00", StringComparison.Ordinal);
        if (!exactSecond)
            local = local[..^3];
        await page.GetByLabel("Dari (WIB)").FillAsync(local);
        await page.GetByLabel("Sampai (WIB)").FillAsync(local);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).ClickAsync();
        Assert.Contains("from=" + Uri.EscapeDataString(local), page.Url);
        Assert.Contains(seq, await SeqsAsync(page));
        foreach (var time in await page.Locator("table.audit tbody tr td[data-label='Waktu']").AllInnerTextsAsync())
        {
            if (exactSecond)
                Assert.Equal(shown, time);
            else
                Assert.StartsWith(shown[..16], time);
        }
        Assert.Equal(local, await page.GetByLabel("Dari (WIB)").InputValueAsync());
        await PageChecks.CheckAsync(page, "keamanan-filter-waktu");

        // The text itself, pasted into the address as a link would carry it.
        await page.GotoAsync($"/portal/keamanan?from={Uri.EscapeDataString(shown)}&to={Uri.EscapeDataString(shown)}");
        Assert.Contains(seq, await SeqsAsync(page));

        // Day or month first cannot be read without guessing: refused beside the field, nothing listed.
        var refused = await page.GotoAsync("/portal/keamanan?from=08%2F12%2F2026");
        Assert.Equal(400, refused!.Status);
        var field = page.Locator(".field", new() { Has = page.GetByLabel("Dari (WIB)") });
        Assert.Contains("waktu tidak dapat dibaca", await field.Locator(".errors").InnerTextAsync());
        Assert.Equal("true", await page.GetByLabel("Dari (WIB)").GetAttributeAsync("aria-invalid"));
        Assert.Empty(await SeqsAsync(page));
        await PageChecks.CheckAsync(page, "keamanan-filter-galat");
    }

    private static async Task<IReadOnlyList<string>> SeqsAsync(IPage page) =>
        (await page.Locator("table.audit tbody tr td[data-label='Catatan'] a").AllInnerTextsAsync()).Select(s => s.TrimStart('#')).ToList();

    private static async Task<long> SeqOfAsync(ILocator row) =>
        long.Parse((await row.Locator("td[data-label='Catatan'] a").InnerTextAsync()).TrimStart('#'), System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} WIB$")]
    private static partial Regex TableTime();
}
