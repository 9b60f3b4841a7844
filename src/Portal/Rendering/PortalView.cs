using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SpbeConnector.Portal.Rendering;

/// <summary>
/// A page answered with a Razor component rendered on the server (static server-side rendering: plain HTML, no
/// WebAssembly, no script), its data computed by the endpoint and handed over as the component's <c>Model</c>.
/// </summary>
public static class PortalView
{
    public static IResult Of<TComponent>(object? model, int status = StatusCodes.Status200OK) where TComponent : IComponent =>
        new RazorComponentResult<TComponent>(new Dictionary<string, object?> { ["Model"] = model })
        {
            StatusCode = status,
            ContentType = "text/html; charset=utf-8",
        };
}
