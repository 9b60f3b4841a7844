using Microsoft.Playwright;

namespace SpbeConnector.Portal.Tests.Approvals;

/// <summary>
/// The review pages at a desktop's size (1366x768) and a phone's (390x844), each signed in as the account that uses it:
/// the checks every page passes, no sideways scrolling of the page itself on the phone, and the screenshots kept as
/// artifacts (<see cref="PageChecks.ArtifactsDirectory"/>), the phone's with a "-phone" suffix.
/// </summary>
public static class ReviewScreens
{
    public static async Task SaveAsync(PortalBrowser browser, PortalSite site, string account, string path, string name)
    {
        foreach (var phone in new[] { false, true })
        {
            await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = site.BaseUrl,
                IgnoreHTTPSErrors = true,
                Locale = "id-ID",
                ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1366, Height = 768 },
            });
            var page = await context.NewPageAsync();
            await PortalSite.SignInAsync(page, account);
            var response = await page.GotoAsync(path);
            Assert.True(response is { Ok: true }, $"{account} opening {path} got {response?.Status}");
            if (phone)
            {
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                // The elements reaching past the screen's edge, so that a failure says what to fix.
                var wide = overflow <= 0 ? [] : await page.EvaluateAsync<string[]>(
                    "() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className)");
                Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow} px on a phone: {string.Join(", ", wide)}");
            }
            await PageChecks.CheckAsync(page, phone ? name + "-phone" : name);
        }
    }
}
