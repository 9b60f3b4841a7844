using Microsoft.Playwright;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// What every portal page must satisfy, checked on each page a test visits: exactly one h1, a label for every visible
/// form control, a document language, no English registry message on an Indonesian page; and a screenshot saved as an artifact ($SPBE_TEST_ARTIFACTS, or
/// tests/Portal.Tests/artifacts, which git ignores).
/// </summary>
public static class PageChecks
{
    public static string ArtifactsDirectory { get; } = Environment.GetEnvironmentVariable("SPBE_TEST_ARTIFACTS") is { Length: > 0 } configured
        ? configured
        : Path.Combine(SpbeConnector.TestSupport.RepositoryPaths.Root(), "tests", "Portal.Tests", "artifacts");

    public static async Task CheckAsync(IPage page, string screenshotName)
    {
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        Assert.False(string.IsNullOrEmpty(await page.Locator("html").GetAttributeAsync("lang")), "the page names its language");
        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                .filter(e => !(e.labels && e.labels.length > 0) && !e.getAttribute('aria-label'))
                .map(e => e.name || e.id || e.outerHTML)
            """);
        Assert.True(unlabelled.Length == 0, $"form controls without a label on {page.Url}: {string.Join(", ", unlabelled)}");
        var duplicateIds = await page.EvaluateAsync<string[]>("""
            () => { const seen = {}; return [...document.querySelectorAll('[id]')].map(e => e.id).filter(id => (seen[id] = (seen[id] || 0) + 1) === 2); }
            """);
        Assert.True(duplicateIds.Length == 0, $"duplicate element ids on {page.Url}: {string.Join(", ", duplicateIds)}");
        await EnglishLeaks.CheckAsync(page);
        Directory.CreateDirectory(ArtifactsDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, screenshotName + ".png"), FullPage = true, Timeout = 120_000 });
    }
}
