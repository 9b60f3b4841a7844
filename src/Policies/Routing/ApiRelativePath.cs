using Microsoft.AspNetCore.Http;

namespace SpbeConnector.Policies.Routing;

/// <summary>
/// The part of a proxied request's path after its API's public prefix, as every generated route captures it
/// (<c>/{opd}/{api}/{version}/{**rest}</c>): what the policies match against the API's documented operations.
/// </summary>
public static class ApiRelativePath
{
    /// <summary>The route value of the generated routes' catch-all parameter.</summary>
    public const string RouteValue = "rest";

    /// <summary>The path after the prefix, without its leading '/' (<c>permohonan/42</c>); empty at the API's root.</summary>
    public static string Of(HttpContext context) => context.Request.RouteValues[RouteValue] as string ?? "";
}
