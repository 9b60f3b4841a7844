using System.ComponentModel.DataAnnotations;

namespace SpbeConnector.Policies.Csrf;

/// <summary>
/// The double-submit token of cookie-session APIs (section <c>Csrf</c>). The cookie carries the <c>__Host-</c>
/// prefix, so browsers accept it only from this host, over HTTPS, for the whole site: a sibling subdomain cannot
/// plant one (the weakness of plain double-submit cookies).
/// </summary>
public sealed class CsrfOptions
{
    public const string Section = "Csrf";

    [Required, RegularExpression("^__Host-[A-Za-z0-9_-]{1,64}$", ErrorMessage = "Csrf:CookieName must start with __Host- and hold only letters, digits, '_' and '-'.")]
    public string CookieName { get; set; } = "__Host-spbe-csrf";

    [Required, RegularExpression("^[A-Za-z0-9-]{1,64}$", ErrorMessage = "Csrf:HeaderName must be a header name of letters, digits and '-'.")]
    public string HeaderName { get; set; } = "X-CSRF-Token";
}
