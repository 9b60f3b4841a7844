using Microsoft.Playwright;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// Debian's chromium driven by Playwright (its own browser download is impossible here: shared/dependencies.md).
/// A missing browser fails the test and names what to install; it never skips.
/// </summary>
public sealed class PortalBrowser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"The portal's browser tests need Debian's chromium at {ChromiumPath}, which is missing: install it with 'apt-get install -y chromium' (scripts/test.sh does this when run as root).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser profile (its own cookies) that accepts the test gateway's development certificate.</summary>
    public Task<IBrowserContext> NewContextAsync(string baseUrl, bool phone = false) =>
        NewContextAsync(baseUrl, phone ? Phone : new ViewportSize { Width = 1280, Height = 900 });

    /// <summary>The phone (390x844) and laptop (1366x768) screens.</summary>
    public static ViewportSize Phone => new() { Width = 390, Height = 844 };
    public static ViewportSize Laptop => new() { Width = 1366, Height = 768 };

    public Task<IBrowserContext> NewContextAsync(string baseUrl, ViewportSize viewport) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = baseUrl,
        IgnoreHTTPSErrors = true,
        Locale = "id-ID",
        ViewportSize = viewport,
    });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
