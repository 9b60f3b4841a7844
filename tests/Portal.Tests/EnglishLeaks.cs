using Microsoft.Playwright;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Portal.Tests;

/// <summary>
/// Finds English registry messages on an Indonesian page: a text node that holds a sentence of an English template
/// (the literal words between its arguments, where the Indonesian text does not have the same words, such as a
/// regulation reference) is a message the portal passed through untranslated.
/// </summary>
public static class EnglishLeaks
{
    /// <summary>The English sentences to look for: every literal run of 3 words or more of each template.</summary>
    private static readonly IReadOnlyList<string> Sentences = RegistryMessages.All
        .SelectMany(m =>
        {
            var indonesian = PortalText.For("id")[PortalText.RegistryKey(m.Id)];
            return System.Text.RegularExpressions.Regex.Split(m.English.Replace("{{", "{").Replace("}}", "}"), @"\{[A-Za-z]+\}")
                .Select(part => part.Trim(' ', ':', ';', ',', '.', '\'', '(', ')'))
                .Where(part => part.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3 && !indonesian.Contains(part, StringComparison.Ordinal));
        })
        .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Fails when the page is Indonesian and a text node (outside what the user typed) holds an English sentence.</summary>
    public static async Task CheckAsync(IPage page)
    {
        if (await page.Locator("html").GetAttributeAsync("lang") != "id")
            return;
        var texts = await page.EvaluateAsync<string[]>("""
            () => {
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                const found = [];
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    if (node.parentElement && node.parentElement.closest('textarea, script, style, pre, code')) continue;
                    if (node.textContent.trim().length > 0) found.push(node.textContent);
                }
                return found;
            }
            """);
        var leaks = texts.SelectMany(t => Sentences.Where(s => t.Contains(s, StringComparison.Ordinal)).Select(s => $"\"{s}\" in \"{t.Trim()}\"")).ToList();
        Assert.True(leaks.Count == 0, $"English registry text on the Indonesian page {page.Url}: {string.Join("; ", leaks)}");
    }
}
