using Microsoft.AspNetCore.Mvc;

namespace SpbeConnector.Gateway.Errors;

/// <summary>Answers any path no API or gateway endpoint owns with a 404 problem, echoing nothing of the request.</summary>
public static class UnknownRouteEndpoint
{
    public static void MapUnknownRouteProblem(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapFallback(async (HttpContext context, IProblemDetailsService problems) =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status404NotFound,
                    Title = "No API at this path",
                    Detail = "No published API matches this path. Public paths have the form /{opd}/{api}/{version}/...; see the catalog for the APIs available.",
                },
            });
        }).ExcludeFromDescription();
}
