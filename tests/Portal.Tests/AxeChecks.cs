using Microsoft.Playwright;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// axe-core (the npm package, installed for the tests into tests/Portal.Tests/axe by scripts/test.sh, never served by the
/// product) run on the page the browser shows: no serious or critical violation may remain. It is evaluated through the
/// browser's developer protocol, so the portal's Content-Security-Policy (no inline script) stays as it is.
/// </summary>
public static class AxeChecks
{
    public static string ScriptPath { get; } =
        Path.Combine(SpbeConnector.TestSupport.RepositoryPaths.Root(), "tests", "Portal.Tests", "axe", "node_modules", "axe-core", "axe.min.js");

    private static readonly Lazy<string> Script = new(() => File.Exists(ScriptPath)
        ? File.ReadAllText(ScriptPath)
        : throw new InvalidOperationException(
            $"axe-core is missing at {ScriptPath}: install it with 'npm ci --prefix tests/Portal.Tests/axe' (scripts/test.sh does this)."));

    /// <summary>The serious and critical violations on the page, each as "rule (impact): the elements"; none passes.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var violations = await ViolationsAsync(page);
        Assert.True(violations.Length == 0, $"axe-core on {page.Url}:\n{string.Join("\n", violations)}");
    }

    public static async Task<string[]> ViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(Script.Value);
        return await page.EvaluateAsync<string[]>("""
            async () => {
                const result = await window.axe.run(document, { resultTypes: ['violations'] });
                return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => `${v.id} (${v.impact}): ${v.help}: ` + v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' [' + (n.failureSummary || '').replace(/\s+/g, ' ') + ']').join('; '));
            }
            """);
    }
}
