using SpbeConnector.Portal.Rendering;
using static SpbeConnector.Portal.Rendering.Html;

namespace SpbeConnector.Portal.Accounts.Pages;

/// <summary>
/// A form driven by the static script <c>/portal/static/portal-passkey.js</c> (no inline script: the portal's CSP
/// forbids it): the button asks <paramref name="optionsPath"/> for WebAuthn options, lets the browser create or use a
/// passkey, and posts the browser's answer as <c>credential</c> to <paramref name="action"/>. Its texts (failure,
/// unsupported browser) are attributes in the page's language.
/// </summary>
internal static class PasskeyForm
{
    public const string ScriptPath = "/portal/static/portal-passkey.js";

    public static HtmlFragment Render(PortalPage page, string action, string optionsPath, bool create, string buttonKey, HtmlFragment? extraFields = null)
    {
        var t = page.T;
        return H($"""
            <form method="post" action="{action}" class="form passkey" data-passkey="{(create ? "create" : "get")}" data-options="{optionsPath}" data-failed="{t["passkey.failed"]}" data-unsupported="{t["passkey.unsupported"]}">
            {page.Antiforgery()}<input type="hidden" name="credential" value="">{extraFields ?? HtmlFragment.Empty}
            <button type="button" class="primary" data-passkey-button>{t[buttonKey]}</button>
            <p class="notice error" data-passkey-status role="alert" hidden></p>
            </form>
            <script src="{ScriptPath}" defer></script>
            """);
    }
}
