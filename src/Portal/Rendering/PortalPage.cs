using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Security;
using SpbeConnector.Portal.Components;
using static SpbeConnector.Portal.Rendering.Html;

namespace SpbeConnector.Portal.Rendering;

/// <summary>
/// The helpers of one portal page: texts, times and numbers in the user's language, and forms that always carry the
/// anti-forgery token (Pasal 59 ayat (5) huruf f; OWASP ASVS V4.2.2).
/// </summary>
public sealed class PortalPage(HttpContext http)
{
    public HttpContext Http { get; } = http;
    public PortalText T { get; } = PortalText.For(http);
    public PortalPrincipal? User { get; } = PortalPrincipal.From(http.User);

    private string? _token;

    /// <summary>The hidden anti-forgery field every form carries.</summary>
    public HtmlFragment Antiforgery()
    {
        _token ??= Http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(Http).RequestToken;
        return H($"<input type=\"hidden\" name=\"{PortalSessionDefaults.AntiforgeryField}\" value=\"{_token}\">");
    }

    public HtmlFragment Form(string action, HtmlFragment content, string css = "form", string? enctype = null) =>
        H($"<form method=\"post\" action=\"{action}\" class=\"{css}\"{(enctype is null ? HtmlFragment.Empty : H($" enctype=\"{enctype}\""))}>{Antiforgery()}{content}</form>");

    /// <summary>A labelled input with its problems beside it; password values are never sent back.</summary>
    public HtmlFragment Input(string name, string labelKey, string? value, FormErrors errors, string type = "text", bool required = false, string? hintKey = null, string? autocomplete = null, string? id = null)
    {
        id ??= "f-" + name;
        var shown = type == "password" ? null : value;
        var hint = hintKey is null ? HtmlFragment.Empty : H($"<small id=\"{id}-hint\">{T[hintKey]}</small>");
        var described = hintKey is null ? HtmlFragment.Empty : H($" aria-describedby=\"{id}-hint\"");
        var auto = autocomplete is null ? HtmlFragment.Empty : H($" autocomplete=\"{autocomplete}\"");
        return H($"<div class=\"field{(errors.ContainsKey(name) ? " invalid" : "")}\"><label for=\"{id}\">{T[labelKey]}</label><input id=\"{id}\" name=\"{name}\" type=\"{type}\" value=\"{shown}\"{Flag(required, "required")}{described}{auto}{Flag(errors.ContainsKey(name), "aria-invalid=\"true\"")}>{hint}{ErrorsOf(name, errors)}</div>");
    }

    public HtmlFragment TextArea(string name, string labelKey, string? value, FormErrors errors, int rows = 4, string? hintKey = null, string? id = null)
    {
        id ??= "f-" + name;
        var hint = hintKey is null ? HtmlFragment.Empty : H($"<small id=\"{id}-hint\">{T[hintKey]}</small>");
        return H($"<div class=\"field{(errors.ContainsKey(name) ? " invalid" : "")}\"><label for=\"{id}\">{T[labelKey]}</label><textarea id=\"{id}\" name=\"{name}\" rows=\"{rows}\">{value}</textarea>{hint}{ErrorsOf(name, errors)}</div>");
    }

    public HtmlFragment Select(string name, string labelKey, IEnumerable<(string Value, string Label)> options, string? selected, FormErrors errors)
    {
        var id = "f-" + name;
        var items = options.Select(o => H($"<option value=\"{o.Value}\"{Flag(o.Value == selected, "selected")}>{o.Label}</option>"));
        return H($"<div class=\"field{(errors.ContainsKey(name) ? " invalid" : "")}\"><label for=\"{id}\">{T[labelKey]}</label><select id=\"{id}\" name=\"{name}\">{items}</select>{ErrorsOf(name, errors)}</div>");
    }

    public HtmlFragment ErrorsOf(string name, FormErrors errors) => errors.TryGetValue(name, out var problems)
        ? H($"<ul class=\"errors\" role=\"alert\">{problems.Select(p => H($"<li>{T[p]}</li>"))}</ul>")
        : HtmlFragment.Empty;

    /// <summary>A summary of every problem at the top of a form, naming the cause and what to do.</summary>
    public HtmlFragment ErrorSummary(FormErrors errors) => errors.Count == 0
        ? HtmlFragment.Empty
        : H($"<div class=\"notice error\" role=\"alert\"><p>{T["form.hasErrors"]}</p><ul>{errors.SelectMany(e => e.Value.Select(p => H($"<li>{FieldLabel(e.Key)}: {T[p]}</li>")))}</ul></div>");

    private string FieldLabel(string field) => T["field." + field] is var label && label != "field." + field ? label : field;

    public HtmlFragment Notice(string? message, string kind = "info") =>
        string.IsNullOrEmpty(message) ? HtmlFragment.Empty : H($"<div class=\"notice {kind}\" role=\"status\"><p>{message}</p></div>");

    /// <summary>The answer when the user's role or OPD does not cover what they asked for (Pasal 59 ayat (6) huruf a).</summary>
    public IResult Forbidden() =>
        PortalView.Of<MessagePage>(new MessagePageModel(T["forbidden.title"], T["forbidden.explain"], "/portal", T["csrf.back"]), StatusCodes.Status403Forbidden);

    public IResult NotFound() =>
        PortalView.Of<MessagePage>(new MessagePageModel(T["notFound.title"], T["notFound.explain"], "/portal", T["csrf.back"]), StatusCodes.Status404NotFound);

    /// <summary>A stored (UTC) time in the region's zone (Portal:TimeZone).</summary>
    public string Time(DateTimeOffset at) =>
        IndonesianTime.Format(at, Http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value.TimeZone);

    public string RoleName(PortalRole role) => T["role." + role];

    /// <summary>
    /// A share as a percentage in the page's language (99,5% or 99.5%), rounded down: an availability of 94.999% is
    /// below a 95% floor, and shown as such rather than rounded up to it.
    /// </summary>
    public string Percent(double share) => (Math.Floor(share * 10000 + 1e-9) / 10000).ToString("0.##%", T.Numbers);

    /// <summary>A count with the page language's digit grouping.</summary>
    public string Count(long count) => count.ToString("N0", T.Numbers);

    /// <summary>The page in the portal's layout (Components/Layout/PortalLayout.razor), its body built by the helpers above.</summary>
    public IResult Render(string title, HtmlFragment body, int status = StatusCodes.Status200OK) =>
        PortalView.Of<Components.HtmlBodyPage>(new Components.HtmlBodyPage.Content(title, body), status);
}
