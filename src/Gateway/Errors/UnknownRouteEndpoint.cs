using SpbeConnector.Policies.Problems;

namespace SpbeConnector.Gateway.Errors;

/// <summary>Answers any path no API or gateway endpoint owns with a 404 problem, echoing nothing of the request.</summary>
public static class UnknownRouteEndpoint
{
    public static void MapUnknownRouteProblem(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapFallback((HttpContext context) => GatewayProblem.WriteAsync(context, StatusCodes.Status404NotFound, "No API at this path",
                "No published API matches this path. Public paths have the form /{opd}/{api}/{version}/...; see the catalog for the APIs available."))
            .ExcludeFromDescription();
}
