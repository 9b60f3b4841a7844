using Microsoft.AspNetCore.Components;
using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.Components;

/// <summary>
/// What every portal component reads: the request (cascaded by the framework in static server-side rendering), the
/// page's texts in the user's language, its times, numbers and signed-in user. Razor encodes every value it writes,
/// so a component never builds markup from strings (Pasal 59 ayat (7)).
/// </summary>
public abstract class PortalComponent : ComponentBase
{
    private PortalPage? _page;

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = null!;

    protected PortalPage Page => _page ??= new PortalPage(HttpContext);

    protected PortalText T => Page.T;
}
